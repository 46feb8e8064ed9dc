"""The client follows the served OpenAPI document: the same operations, parameters, request bodies,
response schemas and field names. Any drift on either side fails here."""
from __future__ import annotations

import inspect
import json
import unittest

from tests import dashboard
from modarith import Client, OPERATIONS
from modarith.types import SCHEMAS

# Query parameters a method sends with a fixed value rather than taking them as arguments.
FIXED_QUERY = {"format"}


def schema_name(schema: dict) -> str | None:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array" and "items" in schema:
        inner = schema_name(schema["items"])
        return f"[{inner}]" if inner else None
    return None


class ContractTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.document = json.loads(dashboard.shared().client().request("GET", "/openapi/v1.json")[2])
        cls.operations = {(method.upper(), path): op for path, ops in cls.document["paths"].items() for method, op in ops.items()}

    def test_every_documented_operation_has_a_client_method_and_no_method_calls_an_undocumented_one(self):
        covered = {(o.method, o.path) for o in OPERATIONS}
        self.assertEqual(set(self.operations) - covered, set(), "documented operations the client cannot call")
        self.assertEqual(covered - set(self.operations), set(), "client methods calling operations the document does not have")

    def test_path_and_query_parameters_are_the_documented_ones(self):
        for o in OPERATIONS:
            with self.subTest(o.function):
                documented = self.operations[(o.method, o.path)].get("parameters", [])
                self.assertEqual({p["name"] for p in documented if p["in"] == "path"}, set(o.path_params))
                self.assertEqual({p["name"] for p in documented if p["in"] == "query"}, set(o.query))
                signature = inspect.signature(getattr(Client, o.function)).parameters
                for python_name in o.path_params.values():
                    self.assertIn(python_name, signature)
                for name in set(o.query) - FIXED_QUERY:
                    self.assertIn(name, signature, f"{o.function} cannot pass the documented query parameter {name}")
                    required = next(p.get("required", False) for p in documented if p["name"] == name)
                    self.assertEqual(required, signature[name].default is inspect.Parameter.empty,
                                     f"{o.function}({name}) required-ness differs from the document")

    def test_request_bodies_are_the_documented_schemas(self):
        schemas = self.document["components"]["schemas"]
        for o in OPERATIONS:
            with self.subTest(o.function):
                body = self.operations[(o.method, o.path)].get("requestBody")
                if o.body is None:
                    self.assertIsNone(body)
                    continue
                self.assertEqual(schema_name(body["content"]["application/json"]["schema"]), o.body)
                properties = set(schemas[o.body]["properties"])
                signature = inspect.signature(getattr(Client, o.function)).parameters
                if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in signature.values()):
                    continue  # create_run: any config key goes through **keys; the schema lists them for the reader
                self.assertEqual(properties, set(signature) - {"self", *o.path_params.values()})

    def test_return_types_are_the_documented_success_responses(self):
        for o in OPERATIONS:
            with self.subTest(o.function):
                responses = self.operations[(o.method, o.path)]["responses"]
                success = next(responses[s] for s in sorted(responses) if s.startswith("2"))
                content = success.get("content", {})
                if o.returns is None:
                    self.assertTrue(not content or "application/json" not in content or "text/csv" in content,
                                    f"{o.function} ignores a documented JSON body")
                else:
                    self.assertEqual(schema_name(content["application/json"]["schema"]), o.returns)

    def test_response_types_have_the_documented_fields(self):
        schemas = self.document["components"]["schemas"]
        for name, typed in SCHEMAS.items():
            with self.subTest(name):
                self.assertEqual(set(typed.__annotations__), set(schemas[name]["properties"]))

    def test_config_keys_and_the_run_schema_name_the_same_vocabulary(self):
        keys = {k["key"] for k in dashboard.shared().client().config_keys()}
        self.assertEqual(set(self.document["components"]["schemas"]["RunCreateRequest"]["properties"]) - {"name"}, keys)


if __name__ == "__main__":
    unittest.main()

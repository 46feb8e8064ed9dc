"""Python client for the ModArith Dashboard (standard library only; Python 3.10+)."""
from .client import ApiError, Client, OPERATIONS, to_dataframe
from .live import HubError, RunEvent, RunEvents

__all__ = ["ApiError", "Client", "HubError", "OPERATIONS", "RunEvent", "RunEvents", "to_dataframe"]

# ModArith Dashboard in a container. CPU by default:
#   docker build -t modarith .
#   docker run -p 8080:8080 -v modarith-data:/data -e Dashboard__AccessToken=choose-one modarith
# GPU build (references TorchSharp-cuda-linux instead of the CPU libtorch; run with --gpus all):
#   docker build --build-arg TORCH_BACKEND=cuda -t modarith:cuda .
# The container listens beyond loopback, so the dashboard refuses to start without an access token.
ARG TORCH_BACKEND=cpu

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TORCH_BACKEND
# npm restores the chart library during the web project's build.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore from the project files alone first: a change to the sources then reuses this layer
# instead of downloading every package (libtorch is ~600 MB) again.
COPY ModArithDashboard.sln Directory.Build.props Directory.Build.targets Directory.Packages.props package.json package-lock.json ./
COPY build/ build/
COPY src/ModArith.Core/ModArith.Core.csproj src/ModArith.Core/
COPY src/ModArith.Data/ModArith.Data.csproj src/ModArith.Data/
COPY src/ModArith.Web/ModArith.Web.csproj src/ModArith.Web/
COPY migrations/ModArith.Migrations/ModArith.Migrations.csproj migrations/ModArith.Migrations/
COPY migrations/ModArith.Migrations.PostgreSql/ModArith.Migrations.PostgreSql.csproj migrations/ModArith.Migrations.PostgreSql/
RUN dotnet restore src/ModArith.Web -p:TorchBackend=${TORCH_BACKEND} && npm ci
COPY . .
RUN dotnet publish src/ModArith.Web -c Release -o /app --no-restore -p:TorchBackend=${TORCH_BACKEND}

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Run as the image's non-root user; the data volume is the one place it writes.
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
# ASPNETCORE_URLS wins over the image's ASPNETCORE_HTTP_PORTS and over appsettings.json.
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Dashboard__DataDirectory=/data
VOLUME /data
EXPOSE 8080
# /healthz answers without the token (it says only whether the database answers); bash's /dev/tcp
# stands in for curl, which the base image lacks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "ModArith.Web.dll"]

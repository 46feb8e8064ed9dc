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
COPY . .
RUN dotnet publish src/ModArith.Web -c Release -o /app -p:TorchBackend=${TORCH_BACKEND}

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Dashboard__DataDirectory=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "ModArith.Web.dll"]

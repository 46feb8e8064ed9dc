using System.Net;
using System.Net.Sockets;

namespace ModArith.Web.Tests.Cluster;

/// <summary>Loopback ports nobody listens on right now (never fixed ports: other test runs share the machine).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

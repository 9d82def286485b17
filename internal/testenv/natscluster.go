package testenv

import (
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// NATSCluster starts n embedded NATS servers with JetStream as one cluster
// on loopback (routes on ports from FreeAddr), waits until each takes
// connections, and returns them and their client URLs, comma-separated.
// They are shut down when the test ends.
func NATSCluster(t testing.TB, n int) ([]*server.Server, string) {
	t.Helper()
	var routes, ports []string
	for range n {
		addr := FreeAddr(t)
		_, port, _ := net.SplitHostPort(addr)
		ports = append(ports, port)
		routes = append(routes, "nats://"+addr)
	}
	var nodes []*server.Server
	var urls []string
	for i := range n {
		var port int
		fmt.Sscan(ports[i], &port)
		opts := &server.Options{
			ServerName: fmt.Sprintf("n%d", i+1), Host: "127.0.0.1", Port: -1,
			JetStream: true, StoreDir: t.TempDir(), NoSigs: true, NoLog: true,
			Cluster: server.ClusterOpts{Name: "dra", Host: "127.0.0.1", Port: port},
			Routes:  server.RoutesFromStr(strings.Join(routes, ",")),
		}
		ns, err := server.NewServer(opts)
		if err != nil {
			t.Fatal(err)
		}
		go ns.Start()
		t.Cleanup(func() { ns.Shutdown(); ns.WaitForShutdown() })
		nodes = append(nodes, ns)
	}
	for _, ns := range nodes {
		if !ns.ReadyForConnections(30 * time.Second) {
			t.Fatalf("node %s not ready", ns.Name())
		}
		urls = append(urls, ns.ClientURL())
	}
	return nodes, strings.Join(urls, ",")
}

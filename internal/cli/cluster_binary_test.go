package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
)

// TestBinaryStagesOnStandaloneCluster is the operator's check with the
// built binaries: a fresh cluster of three standalone nats-server
// processes (built from the module in go.mod), and six dra stage processes
// (crawl --role worker, process, index; two of each; --replicas 3;
// --metrics-addr each) started at the same moment. All answer 200 on
// /readyz, and still do after one NATS node is killed; SIGTERM then stops
// each with exit code 0.
func TestBinaryStagesOnStandaloneCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("builds nats-server and dra and runs nine processes")
	}
	dir := t.TempDir()
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		logs, _ := filepath.Glob(filepath.Join(dir, "*.log"))
		for _, l := range logs {
			b, _ := os.ReadFile(l)
			t.Logf("%s (last 4 KB):\n%s", filepath.Base(l), b[max(0, len(b)-4096):])
		}
	})
	natsBin := filepath.Join(dir, "nats-server")
	if out, err := exec.Command("go", "build", "-o", natsBin, "github.com/nats-io/nats-server/v2").CombinedOutput(); err != nil {
		t.Fatalf("go build nats-server: %v\n%s", err, out)
	}
	draBin := buildDRA(t)

	clusterPorts := []int{freePort(t), freePort(t), freePort(t)}
	var routes, clientURLs []string
	for _, p := range clusterPorts {
		routes = append(routes, fmt.Sprintf("nats://127.0.0.1:%d", p))
	}
	var servers []*exec.Cmd
	for i, cp := range clusterPorts {
		port := freePort(t)
		clientURLs = append(clientURLs, fmt.Sprintf("nats://127.0.0.1:%d", port))
		cmd := exec.Command(natsBin, "-n", fmt.Sprintf("n%d", i+1), "-a", "127.0.0.1", "-p", fmt.Sprint(port),
			"-js", "-sd", filepath.Join(dir, fmt.Sprintf("n%d", i+1)),
			"--cluster_name", "dra", "--cluster", fmt.Sprintf("nats://127.0.0.1:%d", cp), "--routes", strings.Join(routes, ","))
		servers = append(servers, startLogged(t, cmd, filepath.Join(dir, fmt.Sprintf("nats-n%d.log", i+1))))
	}

	src := crawler.HanoiSource("thanhtri", "Thanh Trì", "Hà Nội", "http://127.0.0.1:1", true)
	data, err := crawler.MarshalSources([]crawler.Source{src})
	if err != nil {
		t.Fatal(err)
	}
	sources := filepath.Join(dir, "sources.yaml")
	if err := os.WriteFile(sources, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var stagesArgs [][]string
	for range 2 {
		stagesArgs = append(stagesArgs, []string{"crawl", "--role", "worker", "--sources", sources}, []string{"process"}, []string{"index"})
	}
	start := time.Now()
	var procs []*exec.Cmd
	var addrs []string
	for i, args := range stagesArgs {
		addr := freeAddr(t)
		addrs = append(addrs, addr)
		args = append(args, "--nats-url", strings.Join(clientURLs, ","), "--replicas", "3", "--metrics-addr", addr)
		if args[0] != "process" {
			args = append(args, "--data-dir", filepath.Join(dir, fmt.Sprintf("dra%d", i)))
		}
		cmd := exec.Command(draBin, args...)
		cmd.Env = append(os.Environ(), "DRA_ES_URL=", "DRA_NATS_URL=")
		procs = append(procs, startLogged(t, cmd, filepath.Join(dir, fmt.Sprintf("dra%d-%s.log", i, args[0]))))
	}
	waitReady(t, addrs, time.Minute)
	t.Logf("six stages ready %s after they started", time.Since(start).Round(100*time.Millisecond))

	if err := servers[0].Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = servers[0].Wait()
	killed := time.Now()
	waitReady(t, addrs, time.Minute)
	t.Logf("six stages ready %s after a NATS node was killed", time.Since(killed).Round(100*time.Millisecond))

	for i, p := range procs {
		_ = p.Process.Signal(syscall.SIGTERM)
		if err := p.Wait(); err != nil {
			log, _ := os.ReadFile(filepath.Join(dir, fmt.Sprintf("dra%d-%s.log", i, stagesArgs[i][0])))
			t.Errorf("dra %s after SIGTERM: %v\n%s", stagesArgs[i][0], err, log)
		}
	}
}

// startLogged starts cmd with its output in logPath and kills it at the
// end of the test if it still runs.
func startLogged(t *testing.T, cmd *exec.Cmd, logPath string) *exec.Cmd {
	t.Helper()
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
		f.Close()
	})
	return cmd
}

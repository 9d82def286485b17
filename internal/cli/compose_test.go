package cli

import (
	"cmp"
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// composeService is the part of a compose service the checks read.
type composeService struct {
	Image       string            `yaml:"image"`
	Build       map[string]string `yaml:"build"`
	Command     []string          `yaml:"command"`
	Environment map[string]string `yaml:"environment"`
	Restart     string            `yaml:"restart"`
	Profiles    []string          `yaml:"profiles"`
	Ports       []string          `yaml:"ports"`
	Deploy      struct {
		Replicas int `yaml:"replicas"`
	} `yaml:"deploy"`
	Healthcheck struct {
		Test []string `yaml:"test"`
	} `yaml:"healthcheck"`
}

// readCompose decodes the services of the compose file at path (relative
// to the repository's root).
func readCompose(t *testing.T, path string) map[string]composeService {
	t.Helper()
	data, err := os.ReadFile("../../" + path)
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]composeService `yaml:"services"`
	}
	if err := yaml.Unmarshal(data, &compose); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return compose.Services
}

// checkRestart fails t unless the service restarts when it exits.
func checkRestart(t *testing.T, name, restart string) {
	t.Helper()
	if !slices.Contains([]string{"always", "unless-stopped", "on-failure"}, restart) {
		t.Errorf("service %s: restart %q, want always, unless-stopped or on-failure", name, restart)
	}
}

// readyzAddr is the address a dra service with environment env serves
// /readyz on (its metrics address, or the API's for serve), and its port.
func readyzAddr(env map[string]string) (addr, port string) {
	addr = cmp.Or(env[EnvMetricsAddr], env[EnvHTTPAddr])
	_, port, _ = strings.Cut(addr, ":")
	return addr, port
}

// checkProbeAddr fails t unless a healthcheck that asks addr reaches the
// port the service with environment env serves /readyz on.
func checkProbeAddr(t *testing.T, addr string, env map[string]string) {
	t.Helper()
	if serves, port := readyzAddr(env); serves == "" || !strings.HasSuffix(addr, ":"+port) {
		t.Errorf("healthcheck asks %s, but the service serves /readyz at %q", addr, serves)
	}
}

// TestComposeMatchesBinary checks docker-compose.yml against the binary:
// every dra service runs a real subcommand with real flags, and every
// environment variable it sets is one dra reads.
func TestComposeMatchesBinary(t *testing.T) {
	services := readCompose(t, "docker-compose.yml")
	for _, infra := range []string{"nats", "elasticsearch"} {
		if _, ok := services[infra]; !ok {
			t.Errorf("service %s missing", infra)
		}
	}
	if img := services["elasticsearch"].Image; !strings.Contains(img, ":8.19.") {
		t.Errorf("elasticsearch image %q is not 8.19", img)
	}
	stages := 0
	for name, svc := range services {
		// Every service restarts when it exits and has a probe.
		checkRestart(t, name, svc.Restart)
		if len(svc.Healthcheck.Test) < 2 {
			t.Errorf("service %s has no healthcheck", name)
		}
		if svc.Build == nil {
			continue
		}
		stages++
		t.Run(name, func(t *testing.T) {
			if svc.Build["dockerfile"] != "deploy/Dockerfile" {
				t.Errorf("built from %q, want deploy/Dockerfile", svc.Build["dockerfile"])
			}
			if _, err := os.Stat("../../" + svc.Build["dockerfile"]); err != nil {
				t.Error(err)
			}
			checkInvocation(t, svc.Command, svc.Environment)
			// The probe is dra healthcheck, on the port the service serves
			// /readyz on (its metrics address, or the API's for serve).
			probe := svc.Healthcheck.Test
			if len(probe) < 3 || probe[0] != "CMD" || probe[1] != "/usr/local/bin/dra" {
				t.Fatalf("healthcheck %q: want [CMD /usr/local/bin/dra healthcheck --addr ...] (the image has no shell)", probe)
			}
			hc, rest, err := NewRoot().Find(probe[2:])
			if err != nil || hc.Name() != "healthcheck" {
				t.Fatalf("healthcheck %q is not dra healthcheck", probe)
			}
			if err := hc.ParseFlags(rest); err != nil {
				t.Fatalf("healthcheck %q: %v", probe, err)
			}
			checkProbeAddr(t, hc.Flags().Lookup("addr").Value.String(), svc.Environment)
		})
	}
	if stages < 4 {
		t.Errorf("%d dra services, want crawl, process, index and serve", stages)
	}
}

// TestEnvNamesAreRead checks that every variable in EnvNames appears in a
// flag's help, so the list cannot drift from what the binary reads.
func TestEnvNamesAreRead(t *testing.T) {
	var help strings.Builder
	root := NewRoot()
	for _, c := range append(root.Commands(), root) {
		help.WriteString(c.Flags().FlagUsages())
		help.WriteString(c.PersistentFlags().FlagUsages())
	}
	for _, name := range EnvNames {
		if slices.Contains(envOnly, name) {
			continue
		}
		if !strings.Contains(help.String(), "env "+name) {
			t.Errorf("%s is listed but no flag reads it", name)
		}
	}
}

// TestComposeKeepsInfrastructurePrivate: NATS and Elasticsearch publish
// their ports on 127.0.0.1 only, require passwords, and the stages reach
// both with credentials.
func TestComposeKeepsInfrastructurePrivate(t *testing.T) {
	services := readCompose(t, "docker-compose.yml")
	if es := services["elasticsearch"].Environment; es["xpack.security.enabled"] != "true" || es["ELASTIC_PASSWORD"] == "" {
		t.Errorf("Elasticsearch runs without security: %v", es)
	}
	for _, name := range []string{"nats", "elasticsearch"} {
		for _, p := range services[name].Ports {
			if !strings.HasPrefix(p, "127.0.0.1:") {
				t.Errorf("service %s publishes %q on every interface", name, p)
			}
		}
	}
	for name, svc := range services {
		if u, ok := svc.Environment[EnvNATSURL]; ok && !strings.Contains(u, "@") {
			t.Errorf("service %s reaches NATS without credentials: %s", name, u)
		}
		if u, ok := svc.Environment[EnvESURL]; ok && !strings.Contains(u, "elastic:${ELASTIC_PASSWORD") {
			t.Errorf("service %s reaches Elasticsearch without credentials: %s", name, u)
		}
	}
}

package cli

import (
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestComposeMatchesBinary checks docker-compose.yml against the binary:
// every dra service runs a real subcommand with real flags, and every
// environment variable it sets is one dra reads.
func TestComposeMatchesBinary(t *testing.T) {
	data, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Image       string            `yaml:"image"`
			Build       map[string]string `yaml:"build"`
			Command     []string          `yaml:"command"`
			Environment map[string]string `yaml:"environment"`
			Restart     string            `yaml:"restart"`
			Healthcheck struct {
				Test []string `yaml:"test"`
			} `yaml:"healthcheck"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(data, &compose); err != nil {
		t.Fatal(err)
	}
	for _, infra := range []string{"nats", "elasticsearch"} {
		if _, ok := compose.Services[infra]; !ok {
			t.Errorf("service %s missing", infra)
		}
	}
	if img := compose.Services["elasticsearch"].Image; !strings.Contains(img, ":8.19.") {
		t.Errorf("elasticsearch image %q is not 8.19", img)
	}
	stages := 0
	for name, svc := range compose.Services {
		// Every service restarts when it exits and has a probe.
		if !slices.Contains([]string{"always", "unless-stopped", "on-failure"}, svc.Restart) {
			t.Errorf("service %s: restart %q, want always, unless-stopped or on-failure", name, svc.Restart)
		}
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
			addr := hc.Flags().Lookup("addr").Value.String()
			serves := svc.Environment[EnvMetricsAddr]
			if serves == "" {
				serves = svc.Environment[EnvHTTPAddr]
			}
			if _, port, _ := strings.Cut(serves, ":"); serves == "" || !strings.HasSuffix(addr, ":"+port) {
				t.Errorf("healthcheck asks %s, but the service serves /readyz at %q", addr, serves)
			}
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
	data, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Ports       []string          `yaml:"ports"`
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(data, &compose); err != nil {
		t.Fatal(err)
	}
	if es := compose.Services["elasticsearch"].Environment; es["xpack.security.enabled"] != "true" || es["ELASTIC_PASSWORD"] == "" {
		t.Errorf("Elasticsearch runs without security: %v", es)
	}
	for _, name := range []string{"nats", "elasticsearch"} {
		for _, p := range compose.Services[name].Ports {
			if !strings.HasPrefix(p, "127.0.0.1:") {
				t.Errorf("service %s publishes %q on every interface", name, p)
			}
		}
	}
	for name, svc := range compose.Services {
		if u, ok := svc.Environment[EnvNATSURL]; ok && !strings.Contains(u, "@") {
			t.Errorf("service %s reaches NATS without credentials: %s", name, u)
		}
		if u, ok := svc.Environment[EnvESURL]; ok && !strings.Contains(u, "elastic:${ELASTIC_PASSWORD") {
			t.Errorf("service %s reaches Elasticsearch without credentials: %s", name, u)
		}
	}
}

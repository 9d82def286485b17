package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// checkInvocation fails t unless args is a dra subcommand whose flags
// parse, and every variable in env is one dra reads (or one that another
// variable's value refers to as $(NAME), which Kubernetes expands).
func checkInvocation(t *testing.T, args []string, env map[string]string) {
	t.Helper()
	if len(args) == 0 {
		t.Fatal("no command")
	}
	root := NewRoot()
	cmd, rest, err := root.Find(args)
	if err != nil || cmd == root {
		t.Fatalf("command %q is not a dra subcommand", args)
	}
	if err := cmd.ParseFlags(rest); err != nil {
		t.Errorf("command %q: %v", args, err)
	}
	var values strings.Builder
	for _, v := range env {
		values.WriteString(v)
	}
	for k := range env {
		if !slices.Contains(EnvNames, k) && !strings.Contains(values.String(), "$("+k+")") {
			t.Errorf("environment %s is not read by dra (it reads %v)", k, EnvNames)
		}
	}
}

// urlHosts returns the host:port of each URL in a comma-separated list.
func urlHosts(list string) []string {
	var hosts []string
	for _, u := range strings.Split(list, ",") {
		_, rest, ok := strings.Cut(u, "://")
		if !ok {
			rest = u
		}
		if _, after, ok := strings.Cut(rest, "@"); ok {
			rest = after
		}
		hosts = append(hosts, strings.TrimSuffix(rest, "/"))
	}
	return hosts
}

// checkClusterEnv fails t unless the environment env of a dra process
// of a cluster names every NATS node (nats) and, if it reaches
// Elasticsearch, every Elasticsearch node (es), each a node of the kind
// the deployment has (a compose "node", a Kubernetes "pod"); sets replicas
// 3 and Elasticsearch replicas 1; and, if it says how many processes run
// the stage, says the number that the unit (a "service", a "Deployment")
// runs.
func checkClusterEnv(t *testing.T, env map[string]string, nats, es []string, kind string, instances int, unit string) {
	t.Helper()
	if got := urlHosts(env[EnvNATSURL]); !slices.Equal(got, nats) {
		t.Errorf("NATS URLs %v, want every %s %v", got, kind, nats)
	}
	if env[EnvReplicas] != "3" {
		t.Errorf("%s = %q, want 3", EnvReplicas, env[EnvReplicas])
	}
	if u, ok := env[EnvESURL]; ok && !slices.Equal(urlHosts(u), es) {
		t.Errorf("Elasticsearch URLs %v, want every %s %v", urlHosts(u), kind, es)
	}
	if _, ok := env[EnvESURL]; ok && env[EnvESReplicas] != "1" {
		t.Errorf("%s = %q: a lost Elasticsearch node loses shards", EnvESReplicas, env[EnvESReplicas])
	}
	if p, ok := env[EnvProcesses]; ok && p != fmt.Sprint(instances) {
		t.Errorf("%s = %s, but the %s runs %d", EnvProcesses, p, unit, instances)
	}
}

// TestClusterComposeMatchesBinary checks deploy/cluster/compose.yaml: three
// NATS nodes routed to each other, three Elasticsearch nodes that find each
// other, and every dra service running a real command that lists all nodes
// of both clusters, with replicas 3, a probe on the port it serves, and
// more than one instance of every stage but the scheduler.
func TestClusterComposeMatchesBinary(t *testing.T) {
	services := readCompose(t, "deploy/cluster/compose.yaml")
	natsConf, err := os.ReadFile("../../deploy/cluster/nats.conf")
	if err != nil {
		t.Fatal(err)
	}
	nats, es := []string{"nats1:4222", "nats2:4222", "nats3:4222"}, []string{"es1:9200", "es2:9200", "es3:9200"}
	for i := range 3 {
		n := fmt.Sprintf("nats%d", i+1)
		if svc, ok := services[n]; !ok || svc.Environment["NATS_NAME"] != n {
			t.Errorf("service %s missing or not named %s", n, n)
		}
		if !strings.Contains(string(natsConf), "nats-route://"+n+":6222") {
			t.Errorf("nats.conf does not route to %s", n)
		}
		e := fmt.Sprintf("es%d", i+1)
		svc, ok := services[e]
		if !ok || svc.Environment["discovery.seed_hosts"] != "es1,es2,es3" || svc.Environment["node.name"] != e {
			t.Errorf("service %s missing, or not a node of the three-node cluster: %v", e, svc.Environment)
		}
	}
	stages := map[string]int{}
	for name, svc := range services {
		for _, p := range svc.Ports {
			if (strings.HasPrefix(name, "nats") || strings.HasPrefix(name, "es")) && !strings.HasPrefix(p, "127.0.0.1:") {
				t.Errorf("service %s publishes %q on every interface", name, p)
			}
		}
		tool := slices.Contains(svc.Profiles, "tools")
		if !tool {
			checkRestart(t, name, svc.Restart)
		}
		if svc.Build == nil {
			continue
		}
		t.Run(name, func(t *testing.T) {
			checkInvocation(t, svc.Command, svc.Environment)
			checkClusterEnv(t, svc.Environment, nats, es, "node", max(svc.Deploy.Replicas, 1), "service")
			if !strings.Contains(svc.Environment[EnvNATSURL], "dra:${DRA_NATS_PASSWORD") {
				t.Errorf("reaches NATS without credentials: %s", svc.Environment[EnvNATSURL])
			}
			if tool {
				return
			}
			stages[svc.Command[0]] = max(svc.Deploy.Replicas, 1)
			probe := svc.Healthcheck.Test
			if len(probe) < 5 || probe[0] != "CMD" || probe[2] != "healthcheck" {
				t.Fatalf("healthcheck %q: want [CMD /usr/local/bin/dra healthcheck --addr ...]", probe)
			}
			checkProbeAddr(t, probe[len(probe)-1], svc.Environment)
			if svc.Command[0] != "crawl" || !slices.Contains(svc.Command, "scheduler") {
				if svc.Deploy.Replicas < 2 {
					t.Errorf("%d instance(s): a lost machine stops the stage", max(svc.Deploy.Replicas, 1))
				}
			}
		})
	}
	for _, st := range []string{"crawl", "process", "index", "serve"} {
		if stages[st] == 0 {
			t.Errorf("no %s service", st)
		}
	}
}

// k8sObject is the part of a Kubernetes object the checks read.
type k8sObject struct {
	Kind     string `yaml:"kind"`
	Metadata struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Data map[string]string `yaml:"data"`
	Spec struct {
		Replicas    int    `yaml:"replicas"`
		ServiceName string `yaml:"serviceName"`
		Template    struct {
			Spec struct {
				Affinity   map[string]any `yaml:"affinity"`
				Containers []k8sContainer `yaml:"containers"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

type k8sContainer struct {
	Image string   `yaml:"image"`
	Args  []string `yaml:"args"`
	Env   []struct {
		Name  string `yaml:"name"`
		Value string `yaml:"value"`
	} `yaml:"env"`
	Ports []struct {
		ContainerPort int `yaml:"containerPort"`
	} `yaml:"ports"`
	ReadinessProbe *k8sProbe `yaml:"readinessProbe"`
	LivenessProbe  *k8sProbe `yaml:"livenessProbe"`
}

// env is the container's environment by name.
func (c k8sContainer) env() map[string]string {
	env := map[string]string{}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	return env
}

type k8sProbe struct {
	HTTPGet struct {
		Path string `yaml:"path"`
		Port int    `yaml:"port"`
	} `yaml:"httpGet"`
}

// readK8s decodes every object of every manifest in deploy/k8s.
func readK8s(t *testing.T) []k8sObject {
	t.Helper()
	files, _ := filepath.Glob("../../deploy/k8s/*.yaml")
	if len(files) == 0 {
		t.Fatal("no manifests in deploy/k8s")
	}
	var objs []k8sObject
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for {
			var o k8sObject
			if err := dec.Decode(&o); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if o.Kind != "" {
				objs = append(objs, o)
			}
		}
	}
	return objs
}

// TestKubernetesMatchesBinary checks deploy/k8s: NATS and Elasticsearch as
// three-node StatefulSets spread over machines, NATS routed to all its
// pods; every dra Deployment runs a real command with variables dra reads,
// lists every node of both clusters, has replicas 3, probes /readyz and
// /healthz on the port it serves, and runs more than once except the
// scheduler.
func TestKubernetesMatchesBinary(t *testing.T) {
	objs := readK8s(t)
	sets := map[string]k8sObject{}
	var natsConf string
	deployments := 0
	for _, o := range objs {
		switch o.Kind {
		case "StatefulSet":
			sets[o.Metadata.Name] = o
		case "ConfigMap":
			natsConf += o.Data["nats.conf"]
		}
	}
	for _, name := range []string{"nats", "es"} {
		s, ok := sets[name]
		if !ok || s.Spec.Replicas != 3 || s.Spec.Template.Spec.Affinity["podAntiAffinity"] == nil {
			t.Errorf("StatefulSet %s: missing, not 3 replicas, or not spread over machines", name)
		}
	}
	natsSvc := sets["nats"].Spec.ServiceName
	esSvc := sets["es"].Spec.ServiceName
	var natsPods, esPods []string
	for i := range 3 {
		natsPods = append(natsPods, fmt.Sprintf("nats-%d.%s:4222", i, natsSvc))
		esPods = append(esPods, fmt.Sprintf("es-%d.%s:9200", i, esSvc))
		if !regexp.MustCompile(fmt.Sprintf(`nats-route://nats-%d\.%s[.:]`, i, natsSvc)).MatchString(natsConf) {
			t.Errorf("nats.conf does not route to nats-%d", i)
		}
	}
	jobs := 0
	for _, o := range objs {
		if o.Kind == "Job" {
			for _, c := range o.Spec.Template.Spec.Containers {
				jobs++
				env := c.env()
				checkInvocation(t, c.Args, env)
				if got := urlHosts(env[EnvNATSURL]); !slices.Equal(got, natsPods) {
					t.Errorf("job %s: NATS URLs %v, want every pod %v", o.Metadata.Name, got, natsPods)
				}
			}
		}
		if o.Kind != "Deployment" {
			continue
		}
		for _, c := range o.Spec.Template.Spec.Containers {
			if !strings.HasPrefix(c.Image, "dra") {
				continue
			}
			deployments++
			t.Run(o.Metadata.Name, func(t *testing.T) {
				env := c.env()
				checkInvocation(t, c.Args, env)
				checkClusterEnv(t, env, natsPods, esPods, "pod", o.Spec.Replicas, "Deployment")
				serves, port := readyzAddr(env)
				for _, p := range []struct {
					probe *k8sProbe
					path  string
				}{{c.ReadinessProbe, "/readyz"}, {c.LivenessProbe, "/healthz"}} {
					if p.probe == nil || p.probe.HTTPGet.Path != p.path || fmt.Sprint(p.probe.HTTPGet.Port) != port {
						t.Errorf("want a %s probe on port %q (the service serves at %q), got %+v", p.path, port, serves, p.probe)
					}
				}
				if !slices.Contains(c.Args, "scheduler") && o.Spec.Replicas < 2 {
					t.Errorf("%d replica(s): a lost machine stops the stage", o.Spec.Replicas)
				}
			})
		}
	}
	if jobs == 0 {
		t.Error("no job pushes the sources into the cluster")
	}
	if deployments < 5 {
		t.Errorf("%d dra Deployments, want scheduler, crawl, process, index and serve", deployments)
	}
}

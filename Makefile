# DRA: the two commands are `make demo` and `make test`.
GO ?= go

.PHONY: demo test bench build vet fmt fuzz clean

demo: ## run the whole pipeline against simulated portals (embedded NATS and Bleve)
	$(GO) run ./cmd/dra demo

test: ## start a real Elasticsearch if DRA_ES_URL is unset, then go test -race ./...
	./scripts/test.sh

bench: ## run every benchmark (scripts/bench.sh: one line per benchmark) and print one table with the ratios
	./scripts/bench.sh

build:
	$(GO) build -buildvcs=auto -o bin/dra ./cmd/dra   # -buildvcs: "dra version" names the commit

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)

fuzz: ## run every fuzz target briefly
	./scripts/fuzz.sh

clean:
	rm -rf bin data .es

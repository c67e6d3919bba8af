# threatmap — build, test and data targets. Only Go is needed for build,
# test and demo; `make assets` also needs Node.js's npm (it re-creates the
# embedded data from its npm packages and is never run by the build).

GO        ?= go
PKGS      := ./...
BIN       := bin/threatmap
SAMPLE    := --rules testdata/sample/site.yaml testdata/sample/access.log testdata/sample/auth.log testdata/sample/mail.log

WORLD_ATLAS   := world-atlas@2.0.2
COUNTRY_MMDB  := @ip-location-db/geo-whois-asn-country-mmdb@2.3.2026061719
ISO3166       := iso-3166@4.4.0

.PHONY: all build test lint cross demo spark-demo bench bench-e2e bench-render pgo assets clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/threatmap

## test: the whole offline test suite (about a minute on two cores)
test:
	$(GO) test -count=1 $(PKGS)

## lint: formatting and vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

## cross: vet (and so compile, tests included) for macOS and Windows; a few
## minutes on a cold build cache, so not part of `make lint`
cross:
	GOOS=darwin GOARCH=arm64 $(GO) vet $(PKGS)
	GOOS=windows GOARCH=amd64 $(GO) vet $(PKGS)

## demo: the whole pipeline on the bundled sample logs and embedded data
demo:
	$(GO) run ./cmd/threatmap map -o threatmap.png $(SAMPLE)
	$(GO) run ./cmd/threatmap map -q -o threatmap.svg $(SAMPLE)

## spark-demo: the Spark recipe in Spark local mode on the sample logs (4
## shards, merged, checked against a single run); skipped without Java and
## pyspark; not part of `make test`
spark-demo:
	GO="$(GO)" sh examples/spark/demo.sh

## bench: micro-benchmarks of every hot path (not part of `make test`)
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## bench-e2e: 10M lines (generated, cached in .bench/) through threatmap map
## and GoAccess: wall time, lines/s, peak RSS (BENCH_INSTALL=1 installs goaccess)
bench-e2e:
	GO="$(GO)" bash .ci/bench-e2e.sh

## bench-render: 1M points to a 2000x2000 PNG, threatmap against matplotlib
bench-render:
	GO="$(GO)" bash .ci/bench-render.sh

## pgo: re-create cmd/threatmap/default.pgo, the CPU profile the compiler
## optimises the command for (inlining and layout of its hot paths): a map
## of a generated 2M-line access log merged with one of the sample auth and
## mail logs repeated to 1M lines, profiled by a build without a profile
PGO_DIR := .bench/pgo
pgo:
	mkdir -p $(PGO_DIR)
	$(GO) build -pgo=off -o $(PGO_DIR)/threatmap ./cmd/threatmap
	$(GO) run ./cmd/loggen -n 2000000 -seed 1 -o $(PGO_DIR)/access.log
	for i in $$(seq 372); do cat testdata/sample/auth.log testdata/sample/mail.log; done >$(PGO_DIR)/syslog.log
	THREATMAP_CPUPROFILE=$(PGO_DIR)/access.pprof $(PGO_DIR)/threatmap map -q -o $(PGO_DIR)/access.png $(PGO_DIR)/access.log
	THREATMAP_CPUPROFILE=$(PGO_DIR)/syslog.pprof $(PGO_DIR)/threatmap map -q -o $(PGO_DIR)/syslog.png $(PGO_DIR)/syslog.log
	$(GO) tool pprof -proto $(PGO_DIR)/access.pprof $(PGO_DIR)/syslog.pprof >$(PGO_DIR)/default.pgo
	mv $(PGO_DIR)/default.pgo cmd/threatmap/default.pgo

## assets: re-create assets/data from the npm packages it came from, and the crawler ranges from their publishers
assets:
	sh assets/scripts/fetch.sh "$(WORLD_ATLAS)" "$(COUNTRY_MMDB)" "$(ISO3166)"
	sh assets/scripts/crawlers.sh

clean:
	rm -rf bin threatmap.png threatmap.svg

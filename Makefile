# gongwen — the targets the README tells people to run.
#   make demo    builds the sample notice into out/
#   make test    runs every test (go vet, then go test)
GO ?= go
SAMPLE ?= samples/linshu-2021-q3.toml
OUT ?= out
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
PLATFORMS = windows/amd64 linux/amd64 linux/arm64 linux/loong64

.PHONY: all build demo test vet fuzz release pages seal fonts fonts-check bench clean

all: build

build:
	$(GO) build -trimpath -ldflags "-X main.version=$(VERSION)" -o bin/gongwen ./cmd/gongwen

# demo builds the sample notice into out/linshu-2021-q3.docx and .pdf.
demo: build
	./bin/gongwen build $(SAMPLE) -o $(OUT)

test:
	$(GO) vet ./...
	$(GO) test ./...

vet:
	$(GO) vet ./...

# fuzz runs each fuzz test for a while; what they find lands in testdata/fuzz.
FUZZTIME ?= 1m
fuzz:
	$(GO) test -run XXX -fuzz FuzzCheck -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./internal/source/
	$(GO) test -run XXX -fuzz FuzzInclude -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./internal/source/
	$(GO) test -run XXX -fuzz FuzzCompose -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./internal/compose/
	$(GO) test -run XXX -fuzz FuzzText -fuzztime $(FUZZTIME) ./internal/expr/
	$(GO) test -run XXX -fuzz FuzzBreakLines -fuzztime $(FUZZTIME) ./internal/layout/
	$(GO) test -run XXX -fuzz FuzzLayout -fuzztime $(FUZZTIME) ./internal/layout/
	$(GO) test -run XXX -fuzz FuzzTextEdits -fuzztime $(FUZZTIME) ./internal/diff/
	$(GO) test -run XXX -fuzz FuzzReadJSON -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./internal/diff/
	$(GO) test -run XXX -fuzz FuzzParseManifest -fuzztime $(FUZZTIME) ./internal/archive/
	$(GO) test -run XXX -fuzz FuzzVerify -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./internal/sign/
	$(GO) test -run XXX -fuzz '^FuzzCheckTemplate$$' -fuzztime $(FUZZTIME) ./internal/docx/
	$(GO) test -run XXX -fuzz '^FuzzTemplateParts$$' -fuzztime $(FUZZTIME) ./internal/docx/

# release cross-compiles gongwen (no cgo; fonts and templates embedded) into
# dist/ for the office PCs: Windows, and Linux on x86, ARM and LoongArch. The
# fonts' licences go beside the binaries (gongwen version --licences prints them too).
release:
	@mkdir -p dist
	@for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		out=dist/gongwen-$(VERSION)-$$os-$$arch$$ext; \
		GOOS=$$os GOARCH=$$arch CGO_ENABLED=0 $(GO) build -trimpath \
			-ldflags "-s -w -X main.version=$(VERSION)" -o $$out ./cmd/gongwen || exit 1; \
		echo $$out; \
	done
	@mkdir -p dist/fonts-licences
	cp fonts/README.md fonts/LICENSE.*.txt fonts/ARPHICPL.TXT dist/fonts-licences/

# pages renders each page of the sample's PDF into docs/pages/ (poppler-utils).
pages:
	scripts/render-pages.sh

# seal redraws the synthetic sample seal (样章).
seal:
	$(GO) run ./scripts/seal -o samples/seal-sample.png

# fonts rebuilds fonts/ from Debian's packages (as root, network to Debian);
# fonts-check rebuilds them in a temporary folder and compares checksums.
fonts:
	scripts/fonts/build.sh
fonts-check:
	scripts/fonts/build.sh --check

# bench measures the CLI against LibreOffice and runs the go benchmarks;
# results in bench/results.txt and docs/benchmarks.md.
bench:
	bench/run.sh

clean:
	rm -rf bin dist $(OUT)

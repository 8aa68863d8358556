# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PRESET ?= release
BUILD_DIR := build/$(PRESET)
DATA_DIR ?= data/demo

.PHONY: run test build deps configure web clean bench format package tidy

run: build
	./build/bin/portal serve --demo --data-dir $(DATA_DIR)

test: build
	@scripts/run-tests.sh

build: deps configure web
	cmake --build $(BUILD_DIR)
	@mkdir -p build/bin
	@ln -sf ../$(PRESET)/bin/portal build/bin/portal

deps:
	@scripts/install-deps.sh

configure:
	@[ -f $(BUILD_DIR)/build.ninja ] || cmake --preset $(PRESET) >/dev/null

web:
	@if [ -f web/package.json ]; then cd web && npm run --silent build; fi

# A Debian 12 package in build/$(PRESET)/package/ (docs/deploy.md).
package: build
	cd $(BUILD_DIR) && cpack -G DEB -B package

bench: build
	bench/run-all.sh

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
	cd web && npm run format

# clang-tidy over every server source (make test checks the files the last commit changed).
tidy:
	scripts/tidy.sh --all

clean:
	rm -rf build web/dist

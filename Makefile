# factsheet: a hand-written Makefile (redis style).
#
#   make            build build/factsheet, its man page and bash completion
#                   (installs missing Debian packages first)
#   make report     render the default report into output/
#   make check      unit, CLI, layout, render, docs and install tests
#   make SANITIZE=address,undefined check
#   make WERROR=1   warnings are errors (CI)
#   make CC=clang BUILD=build/clang   another compiler, into its own folder
#   make install PREFIX=/usr/local DESTDIR=   the program, fonts, themes, man page, completion
#   make gallery    the README's gallery images into docs/gallery/
#
# Every verb is listed in README.md.

VERSION    := 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
CC         ?= cc
# Where objects, the library and the binaries go: `make BUILD=build/clang
# CC=clang` keeps another compiler's build beside the default one.
BUILD      := build
SHELL      := /bin/bash

# Debian 12 packages the build, the tests and the fonts need.
DEB_PKGS := build-essential pkg-config libcairo2-dev libpango1.0-dev libglib2.0-dev \
            libfontconfig-dev libcsv-dev libcmocka-dev libdeflate-dev \
            fonts-inter fonts-noto-core fonts-noto-color-emoji poppler-utils librsvg2-bin \
            groff-base qpdf xlsx2csv librsvg2-dev mupdf-tools
PC_MODS  := pangocairo pangofc fontconfig cairo cairo-pdf cairo-svg cairo-png glib-2.0 gio-unix-2.0 \
            libdeflate librsvg-2.0

WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wvla
OPT      ?= -O2
CFLAGS   ?=
CSTD     := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
ifeq ($(WERROR),1)
WARN     += -Werror
endif
ifneq ($(SANITIZE),)
SANFLAGS := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer -g
OPT      := -O1
BUILD    := build/san
endif

# Flags from pkg-config, cached in build/config.mk. Making that file checks the
# system packages first (see the deps recipe), so a fresh machine needs nothing
# but `make`.
NODEPS_GOALS := clean format help deps
ifeq ($(filter-out $(NODEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
else
-include build/config.mk
endif

ALL_CFLAGS  = $(CSTD) -Irender $(OPT) $(WARN) $(SANFLAGS) $(PKG_CFLAGS) -DFS_VERSION='"$(VERSION)"' \
              -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)
LIBS        = $(PKG_LIBS) -lcsv -lm

# Everything but the command line is built into one archive, which the
# program, the unit tests and the fuzz targets link: each links only the
# modules it uses. CLI_SRC is the command line (main.c, cli.c, cmd_*.c).
SRC     := $(wildcard render/*.c render/panels/*.c)
CLI_SRC := $(filter render/main.c render/cli.c render/cmd_%.c,$(SRC))
LIB_SRC := $(filter-out $(CLI_SRC),$(SRC))
OBJ     := $(patsubst render/%.c,$(BUILD)/obj/%.o,$(SRC))
CLI_OBJ := $(patsubst render/%.c,$(BUILD)/obj/%.o,$(CLI_SRC))
LIB_OBJ := $(patsubst render/%.c,$(BUILD)/obj/%.o,$(LIB_SRC))
LIB     := $(BUILD)/libfactsheet.a
BIN     := $(BUILD)/factsheet
# Written by the program from its own option tables (render/clidoc.c).
MAN  := $(BUILD)/factsheet.1
BASH_COMPLETION := $(BUILD)/factsheet.bash-completion

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
TOOLS    := $(BUILD)/tests/imgdiff $(BUILD)/tests/layoutcheck

.PHONY: all check unit cli report bench install uninstall clean format fonts deps help \
        update-refs update-layout render-tests layout-tests gallery gen-layout stress-layout contact-sheet
.DEFAULT_GOAL := all

all: $(BIN) $(MAN) $(BASH_COMPLETION)
ifneq ($(SANITIZE),)
	@ln -sf san/factsheet build/factsheet-san
endif

build/config.mk: Makefile
	@$(MAKE) --no-print-directory deps
	@mkdir -p build
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PC_MODS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PC_MODS))"; } > $@.tmp && mv $@.tmp $@

# deps: install what is missing with apt-get when we are root, otherwise print
# the one line to run and stop.
deps:
	@missing=""; \
	for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "factsheet: missing Debian packages:$$missing"; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
	  echo "factsheet: run: sudo apt-get install$$missing"; exit 1; \
	fi

$(BUILD)/obj/%.o: render/%.c build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# Made anew each time: ar stores members by file name, so an update would
# let panels/text.o replace text.o, and keep the objects of removed sources.
$(LIB): $(LIB_OBJ)
	@rm -f $@.tmp
	$(AR) rcs $@.tmp $^ && mv $@.tmp $@

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) $(CLI_OBJ) $(LIB) -o $@ $(LIBS)

# The man page and the completion come from the binary's own tables, so they
# cannot drift from --help. The page's date is SOURCE_DATE_EPOCH's, else the
# last commit's (none outside git): the same sources give the same page.
MAN_EPOCH := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null))
$(MAN): $(BIN)
	SOURCE_DATE_EPOCH=$(MAN_EPOCH) $(BIN) --help-man > $@.tmp && mv $@.tmp $@

$(BASH_COMPLETION): $(BIN)
	$(BIN) --completion bash > $@.tmp && mv $@.tmp $@

# One cmocka binary per module, linked with the library and the fixture the
# tests share (tests/unit/fixture.h: the bundled fonts), an archive so that a
# test links it only when it uses it.
UNIT_FIXTURE := $(BUILD)/tests/libfixture.a
$(BUILD)/tests/test_%: tests/unit/test_%.c $(UNIT_FIXTURE) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Irender $< $(UNIT_OBJ) $(UNIT_FIXTURE) $(LIB) -o $@ $(ALL_LDFLAGS) \
	  $(LIBS) -lcmocka

# test_cli also links the command line's modules it tests (the library
# leaves them out): cli.c, and the option tables of render and chart.
TEST_CLI_OBJ := $(addprefix $(BUILD)/obj/,cli.o cmd_render.o cmd_chart.o)
$(BUILD)/tests/test_cli: UNIT_OBJ = $(TEST_CLI_OBJ)
$(BUILD)/tests/test_cli: $(TEST_CLI_OBJ)

$(UNIT_FIXTURE): tests/unit/fixture.c tests/unit/fixture.h build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Irender -c $< -o $(BUILD)/tests/fixture.o
	@rm -f $@.tmp
	$(AR) rcs $@.tmp $(BUILD)/tests/fixture.o && mv $@.tmp $@

# Test tools: image comparison and layout checks.
$(BUILD)/tests/%: tests/tools/%.c build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $< -o $@ $(ALL_LDFLAGS) $(LIBS)

# ---- fonts -----------------------------------------------------------------
# fonts/MANIFEST.tsv lists every font file, its Debian package and SHA-256.
fonts: fonts/.stamp
fonts/.stamp: fonts/MANIFEST.tsv | build/config.mk
	@bash fonts/fill.sh fonts/MANIFEST.tsv fonts
	@touch $@

# ---- the default report ----------------------------------------------------
report: $(BIN) $(MAN) fonts/.stamp
	$(BIN) render data/khojaly/report.ini -o output

# ---- tests -----------------------------------------------------------------
TEST_ENV := LC_ALL=C FACTSHEET_FONT_DIR=$(CURDIR)/fonts ASAN_OPTIONS=detect_leaks=1

UNIT_RUN  = set -e; for t in $(UNIT_BIN); do echo "unit  $$t"; $(TEST_ENV) $$t; done

# the unit tests alone
unit: $(UNIT_BIN) fonts/.stamp
	@$(UNIT_RUN)

check: $(BIN) $(MAN) $(BASH_COMPLETION) $(UNIT_BIN) $(TOOLS) fonts/.stamp
	@$(UNIT_RUN)
	@$(TEST_ENV) bash tests/docs.sh $(BIN) $(MAN) $(BASH_COMPLETION)
	@set -e; for t in $(FUZZ_TARGETS); do $(TEST_ENV) $(BUILD)/tests/replay_$$t tests/fuzz/corpus/$$t; done
	@$(TEST_ENV) bash tests/cli.sh $(BIN)
	@$(TEST_ENV) bash tests/data.sh $(BIN)
	@if locale -a 2>/dev/null | grep -qi '^de_DE.utf8$$'; then \
	  $(TEST_ENV) LC_ALL=de_DE.UTF-8 bash tests/cli.sh $(BIN); \
	else echo "cli   de_DE.UTF-8 not installed: decimal-comma locale run skipped"; fi
	@$(TEST_ENV) bash tests/layout.sh $(BIN)
	@$(TEST_ENV) $(GENCHECK) --selftest
	@$(TEST_ENV) $(GENCHECK) --bin $(BIN) --seeds $(GEN_SEEDS)
	@$(TEST_ENV) $(GENCHECK) --bin $(BIN) --replay $(GEN_CASES)
	@$(TEST_ENV) bash tests/render.sh $(BIN)
	@$(TEST_ENV) bash tests/pdfa11y.sh $(BIN)
	@$(TEST_ENV) bash tests/pdftext.sh $(BIN)
	@$(TEST_ENV) bash tests/faults.sh $(BIN) $(INJECT)
	@$(TEST_ENV) bash tests/batch.sh $(BIN) $(INJECT)
	@$(TEST_ENV) bash tests/incremental.sh $(BIN)
	@$(TEST_ENV) bash tests/watch.sh $(BIN)
	@$(TEST_ENV) bash tests/diagnostics.sh $(BIN)
	@$(TEST_ENV) bash tests/pathological.sh $(BIN)
	@$(TEST_ENV) bash tests/install.sh $(BIN)
	@echo "check: all passed"

update-refs: $(BIN) $(TOOLS) fonts/.stamp
	@$(TEST_ENV) UPDATE_REFS=1 bash tests/render.sh $(BIN)

# The golden layout dumps of tests/layout/: rewrite them only when a change
# of layout is meant, and read the diff before committing.
update-layout: $(BIN) fonts/.stamp
	@$(TEST_ENV) UPDATE_LAYOUT=1 bash tests/layout.sh $(BIN)

# The generative layout checker (tests/gen/README.md): random charts and
# reports, each drawn with --dump-layout and checked against the layout's
# invariants. `make gen-layout` runs seeds 1-300 (GEN_SEEDS) and replays the
# kept cases of tests/gen/cases/; `make stress-layout N=10000 [SEED0=S]` runs
# N seeds from S. A failing seed prints the command that reproduces it. make
# check builds it and runs its self-test, not yet the seeds.
GENCHECK  := $(BUILD)/tests/gencheck
GEN_SEEDS ?= 300
GEN_CASES := $(wildcard tests/gen/cases/*)
N         ?= 10000
SEED0     ?= 1
check: $(GENCHECK)

$(GENCHECK): tests/gen/gencheck.c build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $< -o $@ $(ALL_LDFLAGS) $(LIBS)

gen-layout: $(BIN) $(GENCHECK) fonts/.stamp
	@st=0; $(TEST_ENV) $(GENCHECK) --bin $(BIN) --seeds $(GEN_SEEDS) || st=1; \
	$(if $(GEN_CASES),$(TEST_ENV) $(GENCHECK) --bin $(BIN) --replay $(GEN_CASES) || st=1;) exit $$st

stress-layout: $(BIN) $(GENCHECK) fonts/.stamp
	@$(TEST_ENV) $(GENCHECK) --bin $(BIN) --seeds $(N) --seed0 $(SEED0)

# 50 generated charts and 10 reports tiled into output/contact/*.png, to
# look at what no invariant checks
contact-sheet: $(BIN) $(GENCHECK) $(BUILD)/tests/contact fonts/.stamp
	@$(TEST_ENV) bash tests/gen/contact.sh $(BIN) $(GENCHECK) $(BUILD)/tests/contact $(SEED0)

bench: $(BIN) fonts/.stamp
	@bash tests/bench/bench.sh $(BIN)

# ---- fuzzing ---------------------------------------------------------------
# tests/fuzz/fuzz_<target>.c are libFuzzer targets. `make check` links each
# with tests/fuzz/replay.c (no libFuzzer, any compiler) and runs every file of
# tests/fuzz/corpus/<target>/ once, crash regressions included. `make fuzz`
# builds them with clang's libFuzzer, ASan and UBSan into build/fuzz/<target>
# and runs each for FUZZ_SECONDS; new inputs go to build/fuzz/corpus-<target>,
# crashes to build/fuzz/crash-*. FUZZ_ARGS adds libFuzzer options.
FUZZ_TARGETS := csv number spec chart
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_ARGS    ?=
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1
FUZZ_CFLAGS   = $(CSTD) -Irender $(WARN) $(FUZZ_SAN) $(PKG_CFLAGS) -DFS_VERSION='"$(VERSION)"' -MMD -MP
FUZZ_OBJ     := $(patsubst render/%.c,build/fuzz/obj/%.o,$(LIB_SRC))
FUZZ_LIB     := build/fuzz/libfactsheet.a
FUZZ_BINS    := $(patsubst %,build/fuzz/%,$(FUZZ_TARGETS))
FUZZ_REPLAY  := $(patsubst %,$(BUILD)/tests/replay_%,$(FUZZ_TARGETS))
.PHONY: fuzz
check: $(FUZZ_REPLAY)

$(FUZZ_REPLAY): $(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Irender tests/fuzz/fuzz_$*.c tests/fuzz/replay.c $(LIB) -o $@ $(ALL_LDFLAGS) $(LIBS)

build/fuzz/obj/%.o: render/%.c build/config.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_LIB): $(FUZZ_OBJ)
	@rm -f $@.tmp
	$(AR) rcs $@.tmp $^ && mv $@.tmp $@

$(FUZZ_BINS): build/fuzz/%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_LIB)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Irender $< $(FUZZ_LIB) -o $@ $(LIBS)

fuzz: $(FUZZ_BINS) fonts/.stamp
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus-$$t; echo "fuzz  $$t for $(FUZZ_SECONDS) s"; \
	  dict=tests/fuzz/csv.dict; [ $$t = spec ] && dict=tests/fuzz/spec.dict; \
	  $(TEST_ENV) build/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -dict=$$dict -timeout=10 \
	    -rss_limit_mb=2048 -artifact_prefix=build/fuzz/ -print_final_stats=1 $(FUZZ_ARGS) \
	    build/fuzz/corpus-$$t tests/fuzz/corpus/$$t; \
	done

# ---- faults and leaks ------------------------------------------------------
# tests/faults.sh (in make check) injects write and read faults through the
# LD_PRELOAD shim tests/faults/inject.c, writes to /dev/full, read-only and
# full folders, and kills a report render 200 times. The shim is built without
# sanitizers: it is preloaded in front of them.
# `make leakcheck` runs valgrind over a chart in every format, three reports
# (one of deeply nested bidi controls), a batch in one process, an
# aggregation, lint and check (the plain build: valgrind and ASan do not
# mix), then replays every fuzz corpus under it: the system libraries (fribidi,
# HarfBuzz, Pango, cairo) are not built with ASan, so only valgrind sees a
# bad read inside them (issue 13: fribidi 1.0.8 read freed memory on deeply
# nested bidi controls). tests/faults/valgrind.supp documents its
# suppressions.
INJECT        := $(BUILD)/tests/inject.so
VALGRIND      := valgrind --error-exitcode=1 --leak-check=full -q \
                 --suppressions=$(CURDIR)/tests/faults/valgrind.supp $(VALGRIND_ARGS)
VALGRIND_ARGS ?=
.PHONY: leakcheck
check: $(INJECT)

$(INJECT): tests/faults/inject.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O2 $(WARN) -shared -fPIC $< -o $@ -ldl

leakcheck: $(BIN) $(FUZZ_REPLAY) fonts/.stamp
	@if [ -n "$(SANITIZE)" ]; then echo "leakcheck: run it without SANITIZE"; exit 2; fi
	@set -e; d=$$(mktemp -d); trap 'rm -rf "$$d"' EXIT; \
	for f in png pdf svg; do echo "leakcheck  chart .$$f"; \
	  $(TEST_ENV) $(VALGRIND) $(BIN) chart data/khojaly/killed.csv --label group --value count \
	    -o $$d/chart.$$f; done; \
	echo "leakcheck  render data/khojaly/report.ini (pdf, png, svg; en, az, ru)"; \
	$(TEST_ENV) $(VALGRIND) $(BIN) render data/khojaly/report.ini -o $$d/report; \
	echo "leakcheck  render tests/render/data/media/media.ini (an SVG logo, a PNG image, a donut; ar)"; \
	$(TEST_ENV) $(VALGRIND) $(BIN) render tests/render/data/media/media.ini --lang ar -o $$d/media; \
	echo "leakcheck  chart -d -j 1 (a batch in one process), --aggregate, --theme print-bw"; \
	mkdir $$d/batch; \
	$(TEST_ENV) $(VALGRIND) $(BIN) chart data/khojaly/killed.csv data/khojaly/captured.csv \
	  --label group --value count --format svg -d $$d/batch -j 1 --theme print-bw; \
	$(TEST_ENV) $(VALGRIND) $(BIN) chart data/examples/orders.csv --label region --value amount \
	  --aggregate mean -o $$d/agg.png; \
	echo "leakcheck  render data/examples/orders.ini (a stacked bar whose small labels drop)"; \
	$(TEST_ENV) $(VALGRIND) $(BIN) render data/examples/orders.ini -o $$d/orders; \
	echo "leakcheck  render a spec of 273 nested bidi controls (pdf, png, svg)"; \
	$(TEST_ENV) $(VALGRIND) $(BIN) render tests/cli/spec/render-bidi-nesting.d/report.ini \
	  --format pdf,png,svg -o $$d/bidi; \
	echo "leakcheck  lint data/khojaly/report.ini --strict"; \
	$(TEST_ENV) $(VALGRIND) $(BIN) lint data/khojaly/report.ini --strict; \
	echo "leakcheck  check data/khojaly/report.ini (the layout, every language)"; \
	$(TEST_ENV) $(VALGRIND) $(BIN) check data/khojaly/report.ini; \
	for t in $(FUZZ_TARGETS); do echo "leakcheck  replay tests/fuzz/corpus/$$t"; \
	  $(TEST_ENV) $(VALGRIND) $(BUILD)/tests/replay_$$t tests/fuzz/corpus/$$t; done; \
	echo "leakcheck: clean"

# ---- install ---------------------------------------------------------------
# PREFIX/bin/factsheet finds its fonts (and themes) in ../share/factsheet
# relative to itself (render/fonts.c), so an installed tree works wherever
# it is unpacked, DESTDIR included. The fonts installed are exactly those
# fonts/MANIFEST.tsv lists; themes/*.ini only when that folder exists.
# tests/install.sh (in make check) installs into a temporary DESTDIR, runs the
# installed program from elsewhere and checks that uninstall leaves nothing.
BINDIR     := $(PREFIX)/bin
DATADIR    := $(PREFIX)/share/factsheet
MANDIR     := $(PREFIX)/share/man/man1
BASHCOMPDIR := $(PREFIX)/share/bash-completion/completions
FONT_FILES  = fonts/MANIFEST.tsv $$(awk -F '\t' '!/^\#/ && NF { print "fonts/" $$1 }' fonts/MANIFEST.tsv)

install: $(BIN) $(MAN) $(BASH_COMPLETION) fonts/.stamp
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(MANDIR) \
	  $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/factsheet
	install -m 644 $(FONT_FILES) $(DESTDIR)$(DATADIR)/fonts/
	if compgen -G 'themes/*.ini' > /dev/null; then \
	  install -d $(DESTDIR)$(DATADIR)/themes && install -m 644 themes/*.ini $(DESTDIR)$(DATADIR)/themes/; fi
	install -m 644 $(MAN) $(DESTDIR)$(MANDIR)/factsheet.1
	install -m 644 $(BASH_COMPLETION) $(DESTDIR)$(BASHCOMPDIR)/factsheet

# share/factsheet holds nothing but what install put there.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/factsheet $(DESTDIR)$(MANDIR)/factsheet.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/factsheet
	rm -rf $(DESTDIR)$(DATADIR)

# ---- gallery ---------------------------------------------------------------
# docs/gallery.sh holds each image of the README's gallery with the one
# command that makes it; `make gallery` runs them (the PNGs are committed, so
# GitHub shows them) and rewrites the README section from the same list.
# tests/docs.sh checks that the README section matches the list.
gallery: $(BIN) fonts/.stamp
	@PATH=$(CURDIR)/$(BUILD):$$PATH bash docs/gallery.sh run
	@bash docs/gallery.sh readme-update README.md

format:
	clang-format -i $(wildcard render/*.c render/*.h render/panels/*.c render/panels/*.h) tests/unit/*.c

clean:
	rm -rf build fonts/.stamp fonts/.cache
	find output -mindepth 1 ! -name README.md -exec rm -rf {} +

help:
	@sed -n '1,/^$$/p' Makefile

-include $(OBJ:.o=.d)
-include $(FUZZ_OBJ:.o=.d)
-include $(wildcard $(BUILD)/tests/*.d)

# annals - one non-recursive Makefile.
#
#   make              build build/annals and build/libannals.a
#   make check        build with -Werror, run the unit tests, then run them
#                     again under AddressSanitizer + UndefinedBehaviorSanitizer,
#                     the allocation-failure runner, and the threaded tests
#                     under ThreadSanitizer; the last line is "N passed, N failed"
#   make asan         build the sanitizer variant in build/asan
#   make oom          build the allocation-failure runner (ASan) in build/asan
#   make bench        build the benchmark programs (bench/*.c)
#   make tools        build the developer tools (tools/*.c)
#   make fuzz         build the libFuzzer harnesses with clang (tests/fuzz/*.c)
#   make demo         code the bundled sample into SQLite and print a timeline
#   make install      install the program, library, headers, data and annals.pc
#
# Variants build into their own directory: BUILD=build/asan SAN=1.

PKG_CONFIG ?= pkg-config
PKGS := libutf8proc zlib libxxhash sqlite3
PREFIX ?= /usr/local
BUILD ?= build

CC ?= cc
OPT ?= -O2 -g
WARN := -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes -Wshadow -Wvla \
        -Wformat=2 -Wno-format-nonliteral
ifeq ($(WERROR),1)
WARN += -Werror
endif
ifeq ($(SAN),1)
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
       -fno-sanitize-recover=undefined
LDSAN := -fsanitize=address,undefined
endif
ifeq ($(SAN),thread)
OPT := -O1 -g -fsanitize=thread
LDSAN := -fsanitize=thread
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

CPPFLAGS += -Iinclude -D_DEFAULT_SOURCE $(PKG_CFLAGS)
CFLAGS += -std=c17 $(OPT) $(WARN) -fvisibility=hidden -pthread -MMD -MP
LDFLAGS += $(LDSAN) -pthread
LDLIBS += $(PKG_LIBS) -lm

LIB_SRC := $(sort $(wildcard src/base/*.c src/doc/*.c src/ingest/*.c \
             src/extract/*.c src/tok/*.c src/engine/*.c src/out/*.c \
             src/pos/*.c src/dep/*.c src/train/*.c src/conllu/*.c src/dict/*.c src/actor/*.c src/code/*.c \
             src/when/*.c src/where/*.c src/store/*.c src/export/*.c \
             src/tone/*.c src/eval/*.c src/validate/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))
TOOL_SRC := $(sort $(wildcard tools/*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/*.c))

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/obj/%.o)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
TOOL_BIN := $(TOOL_SRC:tools/%.c=$(BUILD)/tools/%)

LIB := $(BUILD)/libannals.a
BIN := $(BUILD)/annals
RUNNER := $(BUILD)/tests/runner

.PHONY: all check test asan tsan oom bench tools fuzz demo install clean deps globals FORCE

all: $(BIN)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# build_id.h: a checksum of the library's sources, part of the engine's
# fingerprint (an_engine_fingerprint), rewritten only when it changes.
$(BUILD)/gen/build_id.h: FORCE
	@mkdir -p $(@D)
	@id=$$(cat $(LIB_SRC) $(wildcard src/*/*.h) | cksum | cut -d' ' -f1); \
	 printf '#define AN_BUILD_ID "%s"\n' "$$id" > $@.tmp; \
	 if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/obj/src/engine/engine.o: $(BUILD)/gen/build_id.h
$(BUILD)/obj/src/engine/engine.o: CPPFLAGS += -I$(BUILD)/gen
FORCE:

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(LDFLAGS) $(CLI_OBJ) $(LIB) $(LDLIBS) -o $@

$(RUNNER): $(TEST_OBJ) $(LIB) $(BIN)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $(TEST_OBJ) $(LIB) $(LDLIBS) -o $@

$(BUILD)/obj/tests/%.o: CPPFLAGS += -Isrc -Itests/unit

# The allocation-failure runner: tests/oom/*.c with the unit runner, linked
# so that the library's malloc/calloc/realloc/strdup/strndup go through the
# test's failing wrappers (tests/oom/oom.c).
OOM_SRC := $(sort $(wildcard tests/oom/*.c))
OOM_OBJ := $(OOM_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/tests/unit/runner.o \
           $(BUILD)/obj/tests/unit/util.o $(BUILD)/obj/tests/oom/arena_small.o
OOM_RUNNER := $(BUILD)/tests/oom-runner
OOM_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup

# The arena with 512-byte blocks that do not grow, linked ahead of the
# library's: arena allocations then reach malloc (and fail) often.
$(BUILD)/obj/tests/oom/arena_small.o: src/base/arena.c
	@mkdir -p $(@D)
	@echo "  CC      $< (small blocks)"
	@$(CC) $(CPPFLAGS) -DAN_ARENA_TEST_BLOCK=64 $(CFLAGS) -c $< -o $@

$(OOM_RUNNER): $(OOM_OBJ) $(LIB) $(BIN)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $(OOM_WRAP) $(OOM_OBJ) $(LIB) $(LDLIBS) -o $@

oom:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/asan SAN=1 $(BUILD)/asan/tests/oom-runner

# bench_extract can compare with gumbo when it is installed (optional).
ifeq ($(shell $(PKG_CONFIG) --exists gumbo 2>/dev/null && echo y),y)
$(BUILD)/obj/bench/bench_extract.o: CPPFLAGS += -DAN_HAVE_GUMBO $(shell $(PKG_CONFIG) --cflags gumbo)
$(BUILD)/bench/bench_extract: LDLIBS += $(shell $(PKG_CONFIG) --libs gumbo)
endif

$(BUILD)/bench/%: $(BUILD)/obj/bench/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $< $(LIB) $(LDLIBS) -o $@

# Developer tools (tools/*.c: trainers, generators); they may use the
# library's internal headers.
$(BUILD)/obj/tools/%.o: CPPFLAGS += -Isrc

$(BUILD)/tools/%: $(BUILD)/obj/tools/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $< $(LIB) $(LDLIBS) -o $@

tools: $(TOOL_BIN)

# Install missing build dependencies (Debian packages) when pkg-config
# cannot find them.
deps:
	@tools/setup-deps.sh

# The test command of the README: warnings are errors, the suite runs
# plain and under ASan+UBSan, the allocation-failure runner plain and under
# ASan, the threaded tests (TSAN_TESTS, name filters) under TSan, and the
# last line sums all the runs.
TSAN_TESTS := run_threads,any_thread_count
check:
	@$(MAKE) --no-print-directory WERROR=1 $(RUNNER) $(OOM_RUNNER) all
	@$(MAKE) --no-print-directory WERROR=1 BUILD=$(BUILD)/asan SAN=1 \
	    $(BUILD)/asan/tests/runner $(BUILD)/asan/tests/oom-runner
	@$(MAKE) --no-print-directory WERROR=1 BUILD=$(BUILD)/tsan SAN=thread \
	    $(BUILD)/tsan/tests/runner
	@tools/check-globals.sh $(LIB)
	@tests/run.sh $(RUNNER) $(BUILD)/asan/tests/runner $(OOM_RUNNER) \
	    $(BUILD)/asan/tests/oom-runner $(BUILD)/tsan/tests/runner@$(TSAN_TESTS)

test: check

asan:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/asan SAN=1 $(BUILD)/asan/tests/runner

tsan:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/tsan SAN=thread $(BUILD)/tsan/tests/runner

bench: $(BENCH_BIN) $(BIN)

globals: $(LIB)
	@tools/check-globals.sh $(LIB)

FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
fuzz: $(FUZZ_BIN)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIB_SRC)
	@mkdir -p $(@D)
	clang -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined $(CPPFLAGS) -Isrc \
	    $< $(LIB_SRC) $(LDLIBS) -pthread -o $@

demo: all
	@tools/demo.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/include/annals $(DESTDIR)$(PREFIX)/share/annals
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/annals
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libannals.a
	install -m 644 include/annals/*.h $(DESTDIR)$(PREFIX)/include/annals/
	cp -R data/. $(DESTDIR)$(PREFIX)/share/annals/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@PKGS@|$(PKGS)|g' annals.pc.in \
	    > $(DESTDIR)$(PREFIX)/lib/pkgconfig/annals.pc

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(OOM_SRC:%.c=$(BUILD)/obj/%.d)

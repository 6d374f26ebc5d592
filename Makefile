# SPDX-License-Identifier: LGPL-2.1-or-later
# auditkit: one non-recursive Makefile.  `make`, `make check`, `make demo`,
# `make O=build/asan SANITIZE=address,undefined check`, `make tables`, `make bench`.

VERSION   := 0.1.0
SOVERSION := 0

prefix     ?= /usr/local
exec_prefix ?= $(prefix)
bindir     ?= $(exec_prefix)/bin
libdir     ?= $(exec_prefix)/lib
includedir ?= $(prefix)/include
mandir     ?= $(prefix)/share/man

O       ?= build
CC      ?= cc
AR      ?= ar
CFLAGS  ?= -O2 -g
PYTHON  ?= python3

AK_CFLAGS  = -std=gnu11 -D_GNU_SOURCE -Iinclude -Iinclude/uapi -Ilib \
             -fvisibility=hidden -Wall -Wextra -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wformat=2 -Wno-missing-field-initializers -MMD -MP
AK_LDFLAGS =
ifneq ($(SANITIZE),)
AK_CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
AK_LDFLAGS += -fsanitize=$(SANITIZE)
endif
ifeq ($(V),1)
Q =
else
Q = @
endif

LIB_SRC   := $(sort $(wildcard lib/*/*.c))
LIB_STOBJ := $(LIB_SRC:%.c=$(O)/static/%.o)
LIB_SHOBJ := $(LIB_SRC:%.c=$(O)/shared/%.o)
STATIC    := $(O)/libauditkit.a
SHARED    := $(O)/libauditkit.so.$(VERSION)
SONAME    := libauditkit.so.$(SOVERSION)

# Each tool is tools/<name>/*.c plus the shared helpers in tools/common/.
TOOLS      := $(notdir $(wildcard tools/auparse tools/audit))
TOOL_COMMON_SRC := $(wildcard tools/common/*.c)
TOOL_BINS  := $(TOOLS:%=$(O)/%)

# Unit tests: tests/unit/test-<module>.c, each its own program, linked with tests/lib/*.c.
TEST_SRC   := $(sort $(wildcard tests/unit/test-*.c))
TEST_BINS  := $(TEST_SRC:tests/unit/%.c=$(O)/tests/%)
TESTLIB_SRC := $(wildcard tests/lib/*.c)
TESTLIB_OBJ := $(TESTLIB_SRC:%.c=$(O)/obj/%.o)

BENCH_SRC  := $(sort $(wildcard bench/bench-*.c))
BENCH_BINS := $(BENCH_SRC:bench/%.c=$(O)/bench/%)

FUZZ_SRC   := $(sort $(wildcard fuzz/fuzz-*.c))
FUZZ_REPLAY := $(FUZZ_SRC:fuzz/%.c=$(O)/fuzz/replay-%)

all: $(STATIC) $(SHARED) $(TOOL_BINS)

$(O)/static/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) $(AK_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/shared/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC [PIC] $@")
	$(Q)$(CC) $(AK_CFLAGS) -fPIC $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) $(AK_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(STATIC): $(LIB_STOBJ)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  AR      $@")
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(SHARED): $(LIB_SHOBJ) lib/libauditkit.map
	$(if $(Q),@echo "  LD      $@")
	$(Q)$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=lib/libauditkit.map \
		$(AK_LDFLAGS) $(LDFLAGS) -o $@ $(LIB_SHOBJ)
	$(Q)ln -sf $(notdir $@) $(O)/$(SONAME)
	$(Q)ln -sf $(SONAME) $(O)/libauditkit.so

# Tools link the static library so that build/ binaries run without LD_LIBRARY_PATH.
.SECONDEXPANSION:
$(TOOL_BINS): $(O)/%: $$(addprefix $(O)/obj/,$$(subst .c,.o,$$(wildcard tools/$$*/*.c))) $(TOOL_COMMON_SRC:%.c=$(O)/obj/%.o) $(STATIC)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(AK_LDFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/tests/%: $(O)/obj/tests/unit/%.o $(TESTLIB_OBJ) $(STATIC)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(AK_LDFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/bench/%: $(O)/obj/bench/%.o $(STATIC)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(AK_LDFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/fuzz/replay-%: $(O)/obj/fuzz/%.o $(O)/obj/fuzz/replay.o $(STATIC)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(AK_LDFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

tests: $(TEST_BINS) $(TOOL_BINS) $(FUZZ_REPLAY)

# Every test program prints "N passed, N failed[, N skipped]" last; run-tests.sh sums them.
check: all tests
	$(Q)O=$(O) sh scripts/run-tests.sh $(TEST_BINS) $(wildcard tests/tools/test-*.sh) $(FUZZ_REPLAY)

demo: $(O)/auparse
	$(O)/auparse -in tests/data/demo.log

bench: all $(BENCH_BINS)
	$(Q)for b in $(wildcard bench/bench-*.sh); do O=$(O) sh $$b || exit 1; done

# Fuzzers: `make fuzz CC=clang` builds real libFuzzer binaries into $(O)/fuzz/.
fuzz:
	$(Q)for f in $(FUZZ_SRC); do n=$$(basename $$f .c); mkdir -p $(O)/fuzz; \
		$(CC) $(AK_CFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined -o $(O)/fuzz/$$n $$f $(LIB_SRC) || exit 1; done

tables:
	$(PYTHON) scripts/gen-tables.py
	$(PYTHON) scripts/gen-normalizations.py

check-tables: tables
	git diff --exit-code -- lib/tables

clean:
	rm -rf $(O)

.PHONY: all tests check demo bench fuzz tables check-tables clean
.DELETE_ON_ERROR:

-include $(shell find $(O) -name '*.d' 2>/dev/null)

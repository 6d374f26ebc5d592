# SPDX-License-Identifier: LGPL-2.1-or-later
# auditkit: one non-recursive Makefile.  `make`, `make check`, `make demo`,
# `make O=build/asan SANITIZE=address,undefined check`, `make tables`, `make bench`, `make pgo`.

VERSION   := 0.1.0
SOVERSION := 0

prefix     ?= /usr/local
exec_prefix ?= $(prefix)
bindir     ?= $(exec_prefix)/bin
libdir     ?= $(exec_prefix)/lib
includedir ?= $(prefix)/include
mandir     ?= $(prefix)/share/man
pkgconfigdir ?= $(libdir)/pkgconfig
# Installed tool names: $(PROGRAM_PREFIX)audit, $(PROGRAM_PREFIX)auparse (Debian uses "auditkit-").
PROGRAM_PREFIX ?=
DESTDIR    ?=
INSTALL    ?= install

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

bench: all pgo $(BENCH_BINS)
	$(Q)for b in $(wildcard bench/bench-*.sh); do O=$(O) sh $$b || exit 1; done

# `make pgo` (GCC): the library and tools again in $(O)/pgo, optimized with profile feedback,
# -O3 and link-time optimization (that build is not installed, so LTO objects burden nobody).
# An instrumented build runs scripts/pgo-train.sh (logs that are not the bench corpus's
# sources), then everything is rebuilt with -fprofile-use.  Same sources, same output: CI runs
# the whole test suite against this build too.  `make` alone never uses profiles.
PGO_O       := $(O)/pgo
PGO_CFLAGS  ?= -O3 -g -flto=auto
PGO_LDFLAGS ?= -flto=auto
PGO_AR      ?= gcc-ar
pgo:
	$(Q)rm -rf $(PGO_O)
	$(Q)$(MAKE) --no-print-directory O=$(PGO_O) AR='$(PGO_AR)' \
		CFLAGS='$(PGO_CFLAGS) -fprofile-generate -fprofile-update=single' \
		LDFLAGS='$(PGO_LDFLAGS) -fprofile-generate' $(PGO_O)/auparse
	$(Q)sh scripts/pgo-train.sh $(PGO_O)
	$(Q)find $(PGO_O) -name '*.o' -delete
	$(Q)rm -f $(PGO_O)/auparse $(PGO_O)/libauditkit.a
	$(Q)$(MAKE) --no-print-directory O=$(PGO_O) AR='$(PGO_AR)' LDFLAGS='$(PGO_LDFLAGS)' \
		CFLAGS='$(PGO_CFLAGS) -fprofile-use -fprofile-partial-training -Wno-missing-profile' all

# Fuzzers: `make fuzz CC=clang` builds real libFuzzer binaries into $(O)/fuzz/.
fuzz:
	$(Q)for f in $(FUZZ_SRC); do n=$$(basename $$f .c); mkdir -p $(O)/fuzz; \
		$(CC) $(AK_CFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined -o $(O)/fuzz/$$n $$f $(LIB_SRC) || exit 1; done

tables:
	$(PYTHON) scripts/gen-tables.py
	$(PYTHON) scripts/gen-normalizations.py
	$(PYTHON) scripts/gen-values.py

check-tables: tables
	git diff --exit-code -- lib/tables

clean:
	rm -rf $(O)

# ---- install / uninstall: `make install DESTDIR=/tmp/root prefix=/usr libdir=/usr/lib/x86_64-linux-gnu`
$(O)/auditkit.pc: lib/auditkit.pc.in Makefile
	@mkdir -p $(dir $@)
	$(Q)sed -e 's|@prefix@|$(prefix)|g' -e 's|@exec_prefix@|$(exec_prefix)|g' \
		-e 's|@libdir@|$(libdir)|g' -e 's|@includedir@|$(includedir)|g' \
		-e 's|@VERSION@|$(VERSION)|g' $< >$@

# Man pages name the tools through the strings Au and Ap: PROGRAM_PREFIX renames them there too.
MAN_PAGES := man/auparse.1 man/libauditkit.3 man/audit.8
MAN_SED = -e 's|^\.ds Au audit$$|.ds Au $(PROGRAM_PREFIX)audit|' \
	-e 's|^\.ds Ap auparse$$|.ds Ap $(PROGRAM_PREFIX)auparse|' \
	-e 's|\\\*(Au|$(PROGRAM_PREFIX)audit|g' -e 's|\\\*(Ap|$(PROGRAM_PREFIX)auparse|g'
man_dest = $(DESTDIR)$(mandir)/man$(subst .,,$(suffix $(1)))/$(if $(filter man/libauditkit.3,$(1)),,$(PROGRAM_PREFIX))$(notdir $(1))

install: $(STATIC) $(SHARED) $(TOOL_BINS) $(O)/auditkit.pc
	$(INSTALL) -d $(DESTDIR)$(libdir) $(DESTDIR)$(pkgconfigdir) $(DESTDIR)$(bindir) \
		$(DESTDIR)$(includedir)/auditkit $(DESTDIR)$(mandir)/man1 $(DESTDIR)$(mandir)/man3 \
		$(DESTDIR)$(mandir)/man8
	$(INSTALL) -m 0644 $(SHARED) $(DESTDIR)$(libdir)/
	ln -sf $(notdir $(SHARED)) $(DESTDIR)$(libdir)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(libdir)/libauditkit.so
	$(INSTALL) -m 0644 $(STATIC) $(DESTDIR)$(libdir)/
	$(INSTALL) -m 0644 include/auditkit.h $(DESTDIR)$(includedir)/
	$(INSTALL) -m 0644 $(wildcard include/auditkit/*.h) $(DESTDIR)$(includedir)/auditkit/
	$(INSTALL) -m 0644 $(O)/auditkit.pc $(DESTDIR)$(pkgconfigdir)/
	$(foreach t,$(TOOLS),$(INSTALL) -m 0755 $(O)/$(t) $(DESTDIR)$(bindir)/$(PROGRAM_PREFIX)$(t) &&) true
	$(foreach m,$(MAN_PAGES),sed $(MAN_SED) $(m) >$(call man_dest,$(m)) && \
		chmod 0644 $(call man_dest,$(m)) &&) true

uninstall:
	rm -f $(DESTDIR)$(libdir)/$(notdir $(SHARED)) $(DESTDIR)$(libdir)/$(SONAME) \
		$(DESTDIR)$(libdir)/libauditkit.so $(DESTDIR)$(libdir)/$(notdir $(STATIC)) \
		$(DESTDIR)$(includedir)/auditkit.h $(DESTDIR)$(pkgconfigdir)/auditkit.pc \
		$(addprefix $(DESTDIR)$(includedir)/auditkit/,$(notdir $(wildcard include/auditkit/*.h))) \
		$(addprefix $(DESTDIR)$(bindir)/$(PROGRAM_PREFIX),$(TOOLS)) \
		$(foreach m,$(MAN_PAGES),$(call man_dest,$(m)))
	-rmdir $(DESTDIR)$(includedir)/auditkit 2>/dev/null

.PHONY: all tests check demo bench pgo fuzz tables check-tables clean install uninstall $(O)/auditkit.pc
.DELETE_ON_ERROR:

-include $(shell find $(O) -name '*.d' 2>/dev/null)

# article2pdf - see README.md. `make demo` installs what is missing and converts the samples;
# `make check` runs every test. V=1 shows full commands.

PREFIX  ?= /usr/local
DESTDIR ?=
DATADIR  = $(PREFIX)/share/article2pdf
VERSION  = 0.1.0

CC      ?= cc
PKGS     = libxml-2.0 freetype2 harfbuzz harfbuzz-subset libpng zlib fribidi
# Linked statically: one library fewer to map at every start (Debian's libdeflate.a is PIC).
STATIC_PKGS = libdeflate
STATIC_LIBS := -Wl,-Bstatic $(shell pkg-config --libs --static $(STATIC_PKGS) 2>/dev/null) \
               -Wl,-Bdynamic
# Opened on first use (converter/dynlib.h), not linked: each linked library costs every
# start ~0.25 ms. The program takes their headers, and their sonames from the -dev
# packages' .so links: a soname that changes, or a missing -dev package, fails the build
# (the users assert a soname was found) instead of a conversion.
LAZY_PKGS = libjpeg libwebp fontconfig
LAZY_LIBS := $(shell pkg-config --libs $(LAZY_PKGS) 2>/dev/null) -lgif -lhyphen
soname    = $(shell objdump -p $(shell $(CC) -print-file-name=lib$(1).so) 2>/dev/null | \
              sed -n 's/ *SONAME *//p')
SONAMES  := -DA2P_SO_JPEG='"$(call soname,jpeg)"' -DA2P_SO_WEBP='"$(call soname,webp)"' \
            -DA2P_SO_GIF='"$(call soname,gif)"' -DA2P_SO_FONTCONFIG='"$(call soname,fontconfig)"' \
            -DA2P_SO_HYPHEN='"$(call soname,hyphen)"'
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(STATIC_PKGS) $(LAZY_PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
CFLAGS  += -std=c11 -pthread -Wall -Wextra -Wshadow -D_GNU_SOURCE -MMD -MP $(PKG_CFLAGS) \
           -DA2P_VERSION='"$(VERSION)"' -DA2P_DATADIR='"$(DATADIR)"' $(SONAMES)
LDLIBS  += $(PKG_LIBS) $(STATIC_LIBS) -lhpdf -lm -pthread

B        = build
LIB_SRC  = $(filter-out converter/main.c,$(wildcard converter/*.c))
LIB_OBJ  = $(LIB_SRC:converter/%.c=$(B)/obj/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
TOOL_SRC = $(wildcard tests/tools/*.c)
TOOL_BIN = $(TOOL_SRC:tests/tools/%.c=$(B)/tools/%)

ifeq ($(V),1)
Q =
else
Q = @
endif

.PHONY: all deps check demo install uninstall clean bench format sanitize valgrind fuzz
all: $(B)/article2pdf $(UNIT_BIN) $(TOOL_BIN)

$(B)/obj/%.o: converter/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC    $<")
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

# Built-in hyphenation patterns (converter/hyph_tab.h): a host tool, built with plain flags,
# loads Debian's pattern files with libhyphen and writes its automata as C arrays.
HYPH_DIR = /usr/share/hyphen
HYPH_GEN = converter/gen/hyph_gen.c converter/hyph_dic.c converter/buf.c
LIB_OBJ += $(B)/obj/hyph_tab_data.o

$(B)/gen/hyph_gen: $(HYPH_GEN) converter/hyph_dic.h converter/buf.h converter/hyph_tab.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN   $@")
	$(Q)$(CC) -O1 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -iquote converter -o $@ \
	  $(HYPH_GEN) -lhyphen

$(B)/gen/hyph_tab_data.c: $(B)/gen/hyph_gen $(wildcard $(HYPH_DIR)/hyph_*.dic)
	$(Q)$(B)/gen/hyph_gen $(HYPH_DIR) $@.tmp && mv $@.tmp $@

$(B)/obj/hyph_tab_data.o: $(B)/gen/hyph_tab_data.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC    $<")
	$(Q)$(CC) $(CFLAGS) -iquote converter -c $< -o $@

# libxml2 without ICU (converter/gen/icu_stub.c says why). When the installed libxml2
# imports from ICU exactly the seven functions the stub stands in for (the same seven from
# libxml2 2.9 to 2.14), the stub is built as $(B)/lib/libicuuc.so.NN and the program's
# DT_RPATH (which, unlike RUNPATH, also serves libxml2's own dependencies) finds it first;
# installed, it lives in $(A2P_LIBDIR). Otherwise, or with NO_ICU_STUB=1, the program is
# linked as before and the real ICU loads. $(B)/icu.cfg records the choice, so changing it
# relinks the program.
A2P_LIBDIR = $(PREFIX)/lib/article2pdf
XML2_SO  := $(shell pkg-config --variable=libdir libxml-2.0 2>/dev/null)/libxml2.so
ICU_SO   := $(shell readelf -d $(XML2_SO) 2>/dev/null | sed -n 's/.*NEEDED.*\[\(libicuuc\.so\.[0-9]*\)\]/\1/p')
ICU_V     = $(patsubst libicuuc.so.%,%,$(ICU_SO))
ICU_WANT  = UCNV_FROM_U_CALLBACK_STOP UCNV_TO_U_CALLBACK_STOP ucnv_close ucnv_convertEx ucnv_open \
            ucnv_setFromUCallBack ucnv_setToUCallBack
ICU_GOT  := $(if $(ICU_SO),$(shell nm -D --undefined-only $(XML2_SO) | \
              awk '$$2 ~ /_$(ICU_V)$$/ { sub(/_$(ICU_V)$$/, "", $$2); print $$2 }' | LC_ALL=C sort | tr '\n' ' '))
ifeq ($(NO_ICU_STUB)$(strip $(ICU_GOT)),$(strip $(ICU_WANT)))
ICU_STUB  = $(B)/lib/$(ICU_SO)
PROG_LDFLAGS = -Wl,--disable-new-dtags -Wl,-rpath,'$$ORIGIN/lib:$(A2P_LIBDIR)'
endif
ICU_CFG := $(shell mkdir -p $(B) && c='$(ICU_STUB) $(A2P_LIBDIR)' && \
             { [ "$$(cat $(B)/icu.cfg 2>/dev/null)" = "$$c" ] || echo "$$c" > $(B)/icu.cfg; } && \
             echo $(B)/icu.cfg)

$(B)/lib/$(ICU_SO): converter/gen/icu_stub.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  STUB  $@")
	$(Q)$(CC) -O2 -std=c11 -Wall -Wextra -shared -fPIC -DICU_SUFFIX=_$(ICU_V) \
	  -Wl,-soname,$(ICU_SO) -o $@ $<

$(B)/liba2p.a: $(LIB_OBJ)
	@$(if $(Q),echo "  AR    $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/article2pdf: $(B)/obj/main.o $(B)/liba2p.a $(ICU_CFG) | $(ICU_STUB)
	@$(if $(Q),echo "  LINK  $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) $(PROG_LDFLAGS) -o $@ $(filter %.o %.a,$^) $(LDLIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/harness.h $(B)/liba2p.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TEST  $@")
	$(Q)$(CC) $(CFLAGS) -iquote converter -o $@ $< $(B)/liba2p.a $(LDLIBS)
# compares the built-in tables with libhyphen's own answers
$(B)/tests/test_hyph_tab: LDLIBS += -lhyphen

$(B)/tools/%: tests/tools/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TOOL  $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $< $(LDLIBS) $(LAZY_LIBS)

# Installs the Debian packages that pkg-config or the file checks do not find.
deps:
	@sh scripts/deps.sh

check:
	@sh scripts/deps.sh
	@$(MAKE) --no-print-directory all
	@sh tests/run.sh

demo:
	@sh scripts/deps.sh
	@$(MAKE) --no-print-directory all
	@mkdir -p out
	@for f in samples/*.html samples/*.xml; do \
	  [ -e "$$f" ] || continue; \
	  o=out/$$(basename "$${f%.*}").pdf; \
	  if $(B)/article2pdf -o "$$o" "$$f"; then echo "  PDF   $$o"; else exit 1; fi; \
	done

install: $(B)/article2pdf
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(DATADIR)/styles
	install -m 755 $(B)/article2pdf $(DESTDIR)$(PREFIX)/bin/article2pdf
	$(if $(ICU_STUB),install -d $(DESTDIR)$(A2P_LIBDIR) && install -m 644 $(ICU_STUB) $(DESTDIR)$(A2P_LIBDIR)/)
	install -m 644 fonts/manifest $(DESTDIR)$(DATADIR)/fonts/
	for f in styles/*.css; do [ -f "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/styles/; done; true
	if [ -f converter/article.rng ]; then install -m 644 converter/article.rng $(DESTDIR)$(DATADIR)/; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/article2pdf
	rm -f $(DESTDIR)$(A2P_LIBDIR)/libicuuc.so.*
	-rmdir $(DESTDIR)$(A2P_LIBDIR) 2>/dev/null
	rm -rf $(DESTDIR)$(DATADIR)

bench: all
	@sh scripts/bench.sh

# The whole suite, then every corpus page to PDF (tests/fuzz/sancorpus.sh), under ASan+UBSan
# with leak detection. Reports go to build-san/san-logs/ (so the suites see the usual stderr);
# any report there, or any failed check, fails the run. Leak suppressions: tests/lsan.supp.
SAN_LOGS = $(CURDIR)/build-san/san-logs
# intercept_tls_get_addr=0: gcc 12's LeakSanitizer misreads glibc 2.36's dynamic TLS blocks
# and crashes in its own tracer ("Tracer caught signal 11") once a library with TLS that
# was dlopened (libjpeg-turbo, see converter/dynlib.h) has run; it then skips those blocks.
SAN_ASAN = halt_on_error=1:detect_leaks=1:exitcode=86:intercept_tls_get_addr=0
sanitize:
	@$(MAKE) --no-print-directory B=build-san OPT="-O1 -fsanitize=address,undefined -fno-omit-frame-pointer" \
	  LDFLAGS="-fsanitize=address,undefined" all
	@rm -rf $(SAN_LOGS) && mkdir -p $(SAN_LOGS)
	@export ASAN_OPTIONS=$(SAN_ASAN):log_path=$(SAN_LOGS)/report \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=86:log_path=$(SAN_LOGS)/report \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  A2P_SAN_LOGS=$(SAN_LOGS) A2P_BIN=build-san/article2pdf A2P_BUILD=build-san; \
	sh tests/run.sh; suite=$$?; \
	sh tests/fuzz/sancorpus.sh >build-san/sancorpus.log; corpus=$$?; \
	grep -v '^PASS' build-san/sancorpus.log; \
	if ls $(SAN_LOGS)/* >/dev/null 2>&1; then \
	  echo "sanitizer reports in $(SAN_LOGS):"; head -n 30 $(SAN_LOGS)/*; exit 1; fi; \
	[ $$suite -eq 0 ] && [ $$corpus -eq 0 ] && echo "sanitize: clean"

valgrind: all
	@A2P_VALGRIND=1 sh tests/run.sh

# libFuzzer harnesses (tests/fuzz/README.md); FUZZ_SECONDS per target. `make fuzz-build`
# only builds them; FUZZ_TARGETS=fuzz_style picks some. A tests/fuzz/<target>.dict is used.
FUZZ_SECONDS ?= 60
FUZZ_TIMEOUT ?= 20
FUZZ_TARGETS ?= fuzz_html fuzz_xml fuzz_pipeline fuzz_style fuzz_image
FUZZ_CC       = clang -O1 -g -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer
.PHONY: fuzz-build
fuzz-build:
	@$(MAKE) --no-print-directory B=build-fuzz CC=clang \
	  OPT="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" \
	  build-fuzz/liba2p.a
	@for t in $(FUZZ_TARGETS); do \
	  echo "  FUZZ-CC $$t"; \
	  $(FUZZ_CC) -iquote converter $(PKG_CFLAGS) -o build-fuzz/$$t tests/fuzz/$$t.c \
	    build-fuzz/liba2p.a $(LDLIBS) || exit 1; \
	done
# Rewrites the tiny seed images of fuzz_image from tests/fuzz/mkseeds.c.
.PHONY: fuzz-seeds
fuzz-seeds:
	@mkdir -p build-fuzz
	$(Q)$(CC) -O1 -o build-fuzz/mkseeds tests/fuzz/mkseeds.c $(LDLIBS) $(LAZY_LIBS)
	$(Q)build-fuzz/mkseeds tests/fuzz/seeds/fuzz_image
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  echo "  FUZZ  $$t ($(FUZZ_SECONDS) s)"; \
	  mkdir -p build-fuzz/corpus-$$t tests/fuzz/seeds/$$t; \
	  case $$t in fuzz_html|fuzz_xml|fuzz_pipeline) \
	    cp samples/*.html samples/*.xml tests/fuzz/seeds/$$t/ 2>/dev/null;; esac; \
	  dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
	  build-fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=200000 -timeout=$(FUZZ_TIMEOUT) \
	    -rss_limit_mb=2048 -print_final_stats=1 $$dict -artifact_prefix=build-fuzz/ \
	    build-fuzz/corpus-$$t tests/fuzz/seeds/$$t 2>&1 | tail -14 || exit 1; \
	done

format:
	clang-format -i converter/*.c converter/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf $(B) build-san out

-include $(LIB_OBJ:.o=.d) $(B)/obj/main.d

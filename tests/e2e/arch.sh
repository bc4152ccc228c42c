#!/bin/sh
# arch.sh - keep the seams honest (style.md §2): libharu only in the PDF writer, libxml2
# only in the readers, FreeType/HarfBuzz/fontconfig only in font.c, libhyphen only in
# hyph.c, image libraries only in image.c, and the model/display list on libc alone; the
# libraries opened on first use (converter/dynlib.h) are not linked into the program.
cd "$(dirname "$0")/../.." || exit 1

check_only() { # check_only NAME PATTERN ALLOWED-REGEX
    name=$1 pat=$2 allowed=$3
    bad=$(grep -lE "$pat" converter/*.c converter/*.h 2>/dev/null | grep -vE "$allowed")
    if [ -z "$bad" ]; then echo "PASS arch: $name"; else echo "FAIL arch: $name also in: $bad"; fi
}
check_only "hpdf.h only in the PDF writer (pdf_out.c, pdf_font.c, pdf_int.h)" '#include <hpdf' '^converter/pdf_'
check_only "libxml2 only in readers" '#include <libxml/' '^converter/(in_|ext_|extract|meta)'
check_only "FreeType/HarfBuzz/fontconfig only in font.c" '#include <(ft2build|hb|hb-|fontconfig/)' '^converter/(font|fnt_|pdf_)'
check_only "libhyphen only in hyph.c" '#include <hyphen.h>' '^converter/hyph'
check_only "image libraries only in image.c" '#include <(png|jpeglib|webp/|gif_lib)' '^converter/image'
check_only "dlopen only in dynlib.c" '#include <dlfcn.h>' '^converter/dynlib\.c$'
for f in converter/model.h converter/dlist.h converter/style.h; do
    if grep -qE '#include <(libxml|hpdf|ft2build|hb|fontconfig)' "$f"; then
        echo "FAIL arch: $f includes a library header"
    else
        echo "PASS arch: $f is plain C"
    fi
done

# Each shared library the program links costs every start ~0.25 ms to map and relocate;
# these serve only some conversions and are opened when first needed (libdeflate, which
# every PDF uses, is linked statically instead).
bin=${A2P_BIN:-build/article2pdf}
needed=$(readelf -d "$bin" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
if [ -z "$needed" ]; then
    echo "FAIL arch: no dynamic section read from $bin"
else
    for lib in libjpeg libwebp libgif libfontconfig libhyphen libdeflate; do
        if echo "$needed" | grep -q "^$lib\.so"; then
            echo "FAIL arch: $bin links $lib.so (see dynlib.h and the Makefile's LAZY_PKGS)"
        else
            echo "PASS arch: $lib not a shared library of the program"
        fi
    done
fi

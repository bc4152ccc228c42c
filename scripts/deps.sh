#!/bin/sh
# deps.sh - install the Debian 12 packages article2pdf needs, and only those missing.
# Each need is checked the way the build uses it (pkg-config, a header, a file); apt-get
# runs only when something is missing, and says what it installs.
set -u

missing=""
need() { # need PACKAGE CHECK...
    pkg=$1; shift
    if ! "$@" >/dev/null 2>&1; then missing="$missing $pkg"; fi
}
pc() { pkg-config --exists "$1"; }
file() { test -e "$1"; }

need pkg-config        command -v pkg-config
need gcc               command -v cc
need make              command -v make
need libxml2-dev       pc libxml-2.0
need libfreetype-dev   pc freetype2
need libharfbuzz-dev   pc harfbuzz-subset
need libfribidi-dev    pc fribidi
need libfontconfig-dev pc fontconfig
need libpng-dev        pc libpng
need libjpeg-dev       pc libjpeg
need libwebp-dev       pc libwebp
need zlib1g-dev        pc zlib
need libdeflate-dev    pc libdeflate
need libhpdf-dev       file /usr/include/hpdf.h
need libhyphen-dev     file /usr/include/hyphen.h
need libgif-dev        file /usr/include/gif_lib.h
need hyphen-en-us      file /usr/share/hyphen/hyph_en_US.dic
need hyphen-de         file /usr/share/hyphen/hyph_de_DE.dic
need hyphen-fr         file /usr/share/hyphen/hyph_fr.dic
need hyphen-es         file /usr/share/hyphen/hyph_es_ES.dic
need hyphen-it         file /usr/share/hyphen/hyph_it_IT.dic
need hyphen-pt-pt      file /usr/share/hyphen/hyph_pt_PT.dic
need hyphen-nl         file /usr/share/hyphen/hyph_nl_NL.dic
need hyphen-ru         file /usr/share/hyphen/hyph_ru_RU.dic
need fonts-liberation2 file /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf
need fonts-dejavu-core file /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
need fonts-noto-core   file /usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf
need fonts-wqy-microhei file /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
need poppler-utils     command -v pdftotext
need qpdf              command -v qpdf
need icc-profiles-free file /usr/share/color/icc/sRGB.icc
need python3           command -v python3

if [ -z "$missing" ]; then
    exit 0
fi
echo "deps: installing Debian packages:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "deps: not root and no sudo; install these yourself:$missing" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || { echo "deps: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
    { echo "deps: apt-get install failed for:$missing" >&2; exit 1; }
echo "deps: done"

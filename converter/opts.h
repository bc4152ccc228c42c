/* opts.h - the command line, parsed once by main.c and passed down by const pointer
 * (style.md §6). No globals. libc only. */
#ifndef A2P_OPTS_H
#define A2P_OPTS_H

#include <stdbool.h>

typedef enum a2p_format { FMT_PDF, FMT_TEXT, FMT_JSON, FMT_XML, FMT_LAYOUT } a2p_format;
typedef enum a2p_informat { IN_AUTO, IN_HTML, IN_XML, IN_NITF, IN_FEED } a2p_informat;

typedef struct a2p_opts {
    const char *out;        /* -o; NULL = beside the input; "-" = stdout */
    const char *outdir;     /* --outdir */
    a2p_format format;      /* --format */
    a2p_informat informat;  /* --input-format */
    const char *style;      /* --style NAME|FILE */
    const char *styles_dir; /* where NAME.css lives */
    const char *data_dir;   /* installed data: fonts/, styles/, article.rng */
    const char *fonts_dir;  /* fonts/ manifest folder */
    const char *paper;      /* --paper overrides */
    int columns;            /* --columns, 0 = style's */
    double font_size;       /* --font-size, 0 = style's */
    const char *margin;     /* --margin */
    const char *base_url;   /* --base-url */
    const char *resources;  /* --resources DIR */
    const char *title;      /* --title (packet) */
    const char *subtitle;   /* --subtitle (packet) */
    const char *manifest;   /* --manifest FILE: one input a line */
    bool packet;            /* --packet: bind all inputs into one PDF */
    bool duplex;            /* --duplex: articles start on right-hand pages */
    bool strict;            /* --strict: one failed input fails the packet */
    int jobs;               /* -j N worker processes for batches (0 = cores) */
    bool no_images;         /* --no-images */
    bool timings;           /* --timings */
    bool quiet;             /* -q: no warnings */
    double timeout;         /* --timeout seconds, 0 = none */
    long source_date;       /* SOURCE_DATE_EPOCH or time(NULL) */
    double bleed;           /* --bleed, points (0 = none) */
    bool crop_marks;        /* --crop-marks */
    bool grayscale;         /* --grayscale: DeviceGray only */
    bool pdfa;              /* --pdfa: PDF/A-1b */
    bool attach_source;     /* --attach-source: embed the input file */
    const char *attach_path; /* the input file to embed; NULL = the article's source path */
} a2p_opts;

#endif

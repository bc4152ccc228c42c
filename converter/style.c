/* style.c - the built-in default style; styles/newspaper.css says the same (test_sheet.c
 * checks it field by field). libc only. */
#include "style.h"

#define MM(x) ((x) * 72.0 / 25.4)

const char *sty_role_name(sty_role r)
{
    static const char *names[STY_ROLE_COUNT] = {
        [STY_KICKER] = "kicker", [STY_HEADLINE] = "headline", [STY_DECK] = "deck",
        [STY_BYLINE] = "byline", [STY_CAPTION] = "caption",   [STY_CREDIT] = "credit",
        [STY_BODY] = "p",        [STY_H2] = "h2",             [STY_H3] = "h3",
        [STY_H4] = "h4",         [STY_QUOTE] = "blockquote",  [STY_LI] = "li",
        [STY_PRE] = "pre",       [STY_TABLE] = "td",          [STY_TH] = "th",
        [STY_HEADER] = "header", [STY_FOOTER] = "footer",
    };
    return (unsigned)r < STY_ROLE_COUNT ? names[r] : "?";
}

static sty_block text(const char *family, double size, double leading)
{
    return (sty_block){.family = family, .families = family, .size = size, .leading = leading, .color = 0x000000,
                       .align = STY_LEFT};
}

sty_sheet *sty_default(ar_arena *ar)
{
    sty_sheet *s = ar_alloc(ar, sizeof *s);
    s->name = "newspaper";
    s->page_w = 595.276;
    s->page_h = 841.89;
    s->margin_top = MM(18);
    s->margin_bottom = MM(20);
    s->margin_left = s->margin_right = MM(16);
    s->columns = 2;
    s->gutter = 16;
    s->lead_span = true;
    s->header = true;
    s->footer = true;
    s->page_numbers = true;
    s->max_image_dpi = 300;
    s->header_items = STY_HF_SITE;
    s->footer_items = STY_HF_PAGE;

    sty_block *r = s->role;
    r[STY_KICKER] = text("sans", 8.5, 11);
    r[STY_KICKER].bold = true;
    r[STY_KICKER].uppercase = true;
    r[STY_KICKER].color = 0x9b1c1c;
    r[STY_KICKER].letter_spacing = 0.6;
    r[STY_KICKER].space_after = 6;
    r[STY_HEADLINE] = text("serif", 26, 29);
    r[STY_HEADLINE].bold = true;
    r[STY_HEADLINE].space_after = 8;
    r[STY_DECK] = text("serif", 13, 16.5);
    r[STY_DECK].italic = true;
    r[STY_DECK].color = 0x333333;
    r[STY_DECK].space_after = 8;
    r[STY_BYLINE] = text("sans", 8.5, 11);
    r[STY_BYLINE].color = 0x444444;
    r[STY_BYLINE].space_after = 12;
    r[STY_CAPTION] = text("sans", 8, 10);
    r[STY_CAPTION].color = 0x333333;
    r[STY_CAPTION].space_before = 4;
    r[STY_CAPTION].space_after = 12;
    r[STY_CREDIT] = text("sans", 7, 9);
    r[STY_CREDIT].color = 0x666666;
    r[STY_CREDIT].uppercase = true;
    r[STY_BODY] = text("serif", 9.5, 12.5);
    r[STY_BODY].align = STY_JUSTIFY;
    r[STY_BODY].hyphenate = true;
    r[STY_BODY].indent = 10;
    r[STY_H2] = text("sans", 11, 14);
    r[STY_H2].bold = true;
    r[STY_H2].space_before = 10;
    r[STY_H2].space_after = 3;
    r[STY_H3] = text("sans", 10, 13);
    r[STY_H3].bold = true;
    r[STY_H3].space_before = 8;
    r[STY_H3].space_after = 2;
    r[STY_H4] = r[STY_H3];
    r[STY_H4].size = 9.5;
    r[STY_H4].italic = true;
    r[STY_QUOTE] = text("serif", 9.5, 12.5);
    r[STY_QUOTE].italic = true;
    r[STY_QUOTE].margin_left = 12;
    r[STY_QUOTE].space_before = r[STY_QUOTE].space_after = 6;
    r[STY_QUOTE].align = STY_JUSTIFY;
    r[STY_QUOTE].hyphenate = true;
    r[STY_LI] = r[STY_BODY];
    r[STY_LI].indent = 0;
    r[STY_LI].margin_left = 14;
    r[STY_LI].space_after = 2;
    r[STY_PRE] = text("mono", 8, 10.5);
    r[STY_PRE].space_before = r[STY_PRE].space_after = 6;
    r[STY_TABLE] = text("sans", 8, 10);
    r[STY_TH] = r[STY_TABLE];
    r[STY_TH].bold = true;
    r[STY_HEADER] = text("sans", 7.5, 9);
    r[STY_HEADER].color = 0x555555;
    r[STY_FOOTER] = r[STY_HEADER];
    return s;
}

/*
** cmd_timeline.c - "annals timeline": the events of an event store in
** date order, one readable line each, or its stories.
*/
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "query_opts.h"

static const char usage_head[] =
    "usage: annals timeline --db FILE [OPTIONS]\n"
    "\n"
    "Print the merged events of an event store in date order (undated ones\n"
    "last), one line each:\n"
    "\n"
    "  DATE  SOURCE  VERB [CAMEO]  TARGET  PLOVER-TYPE  N src  \"evidence\"\n"
    "\n"
    "where N is the number of sources (outlets, near-duplicate copies counted\n"
    "once) and the evidence is the sentence of the event's first report.\n"
    "\n";

static const char usage_tail[] =
    "  --stories           list the stories (id, dates, articles, events,\n"
    "                      title) instead of events\n"
    "  --min-articles N    with --stories: stories of at least N articles\n"
    "                      (default 1)\n"
    "  --width N           cut evidence to N characters (default 100; 0: whole)\n"
    "\n"
    "Exit status: 0 ok, 1 the store could not be read, 2 usage error.\n";
static const char *const usage[2] = {usage_head, usage_tail};

typedef struct tl_ctx {
    FILE *out;
    int width;
    long long n;
} tl_ctx;

/* Print at most `width` characters of s (UTF-8), "..." when cut. */
static void put_cut(FILE *f, const char *s, int width)
{
    int chars = 0;
    const char *p = s;
    while (*p && (width <= 0 || chars < width)) {
        p++;
        while ((*p & 0xc0) == 0x80)
            p++;
        chars++;
    }
    fwrite(s, 1, (size_t)(p - s), f);
    if (*p)
        fputs("...", f);
}

static const char *modality_mark(int m)
{
    switch (m) {
    case AN_MOD_PLANNED: return " (planned)";
    case AN_MOD_NEGATED: return " (negated)";
    case AN_MOD_HYPOTHETICAL: return " (hypoth.)";
    default: return "";
    }
}

static int on_event(void *ctx, const an_store_event *e)
{
    tl_ctx *c = ctx;
    char date[11] = "undated";
    if (e->date.year)
        an_date_format(e->date, date);
    char verb[64];
    if (e->verb_text[0])
        snprintf(verb, sizeof verb, "%.30s [%s]", e->verb_text, e->cameo);
    else
        snprintf(verb, sizeof verb, "[%s]", e->cameo);
    char plover[48];
    snprintf(plover, sizeof plover, "%s%s",
             e->plover_event[0] ? e->plover_event : "-",
             modality_mark(e->modality));
    fprintf(c->out, "%-10s  %-12s %-22s %-12s %-21s %3d src  \"", date,
            e->source[0] ? e->source : "-", verb,
            e->target[0] ? e->target : "-", plover, e->num_sources);
    put_cut(c->out, e->evidence, c->width);
    fputs("\"\n", c->out);
    c->n++;
    return AN_OK;
}

static int on_story(void *ctx, const an_store_story *s)
{
    tl_ctx *c = ctx;
    char a[11] = "undated", b[11] = "";
    if (s->first.year)
        an_date_format(s->first, a);
    if (s->last.year && memcmp(&s->last, &s->first, sizeof s->last))
        an_date_format(s->last, b);
    char range[24];
    snprintf(range, sizeof range, "%s%s%s", a, b[0] ? ".." : "", b);
    fprintf(c->out, "story %-6lld %-22s %4lld article%s %4lld event%s  ",
            (long long)s->id, range, (long long)s->articles,
            s->articles == 1 ? " " : "s", (long long)s->events,
            s->events == 1 ? " " : "s");
    put_cut(c->out, s->title, c->width);
    fputc('\n', c->out);
    c->n++;
    return AN_OK;
}

/* Print the heading of one story (for --story). */
static int on_heading(void *ctx, const an_store_story *s)
{
    tl_ctx *c = ctx;
    fprintf(c->out, "Story %lld: %s (%lld article%s, %lld event%s)\n",
            (long long)s->id, s->title, (long long)s->articles,
            s->articles == 1 ? "" : "s", (long long)s->events,
            s->events == 1 ? "" : "s");
    return AN_OK;
}

int cmd_timeline(int argc, char **argv)
{
    cli_query cq;
    memset(&cq, 0, sizeof cq);
    int stories = 0;
    long long min_articles = 1, width = 100;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = cli_query_option("timeline", usage, &cq, argc, argv, &i);
        if (r != 0 && r != 1)
            return r < 0 ? EXIT_USAGE : EXIT_OK;
        if (r)
            continue;
        if (!strcmp(a, "--stories")) {
            stories = 1;
        } else if (cli_is_opt(a, "--min-articles") || cli_is_opt(a, "--width")) {
            int w = a[2] == 'w';
            const char *v = cli_opt_value("timeline", argc, argv, &i);
            if (!v || cli_opt_int("timeline", w ? "--width" : "--min-articles", v,
                                  w ? 0 : 1, LLONG_MAX, w ? &width : &min_articles))
                return EXIT_USAGE;
        } else {
            return cli_usage_error("timeline", "unknown option '%s'", a);
        }
    }
    if (!cq.db)
        return cli_usage_error("timeline", "which store? (--db FILE)");
    an_store *s = cli_query_open("timeline", &cq);
    if (!s)
        return EXIT_PROBLEMS;
    tl_ctx c = {stdout, (int)(width > 100000 ? 100000 : width), 0};
    an_err err;
    an_err_clear(&err);
    int rc;
    if (stories) {
        rc = an_store_stories(s, &cq.q, min_articles, on_story, &c, &err);
    } else {
        rc = AN_OK;
        if (cq.q.story) {
            an_store_query sq;
            memset(&sq, 0, sizeof sq);
            sq.story = cq.q.story;
            rc = an_store_stories(s, &sq, 0, on_heading, &c, &err);
        }
        if (rc == AN_OK)
            rc = an_store_events(s, &cq.q, on_event, &c, &err);
    }
    int status = EXIT_OK;
    if (rc != AN_OK) {
        fprintf(stderr, "annals timeline: %s\n", err.msg);
        status = EXIT_PROBLEMS;
    } else if (c.n == 0) {
        an_store_stats st;
        if (an_store_get_stats(s, &st, &err) == AN_OK)
            fprintf(stderr,
                    "annals timeline: no %s match (the store holds %lld "
                    "documents, %lld events, %lld stories)\n",
                    stories ? "stories" : "events", (long long)st.documents,
                    (long long)st.events, (long long)st.stories);
    }
    if (fflush(stdout) != 0)
        status = EXIT_PROBLEMS;
    an_store_close(s, NULL);
    return status;
}

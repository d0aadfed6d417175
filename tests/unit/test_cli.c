/*
** test_cli.c - the annals program as a user runs it: usage errors, and a
** directory of bad inputs (invalid UTF-8, NUL bytes, a 100 MB line,
** truncated gzip, a broken WARC, malformed JSON lines, deeply nested HTML,
** an empty file, a binary file) next to good documents.  Every problem is
** reported with its file (and line or record), the good documents still
** come out, the summary counts the skipped ones, and the exit status is 1.
*/
#include <stdlib.h>
#include <zlib.h>

#include "test.h"

static char *cmd_out, *cmd_err;

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int run(const char *fmt, ...)
{
    char args[4096], line[5000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    free(cmd_out);
    free(cmd_err);
    cmd_out = cmd_err = NULL;
    snprintf(line, sizeof line, "%s %s", an_test_bin(), args);
    return an_test_run(line, &cmd_out, &cmd_err);
}

AN_TEST(cli_usage_errors_exit_2)
{
    ASSERT_EQ(run("text --no-such-option x"), 2);
    ASSERT_CONTAINS(cmd_err, "unknown option '--no-such-option'");
    ASSERT_EQ(run("code /no/such/file.txt"), 2);
    ASSERT_CONTAINS(cmd_err, "/no/such/file.txt");
    ASSERT_CONTAINS(cmd_err, "No such file");
    ASSERT_EQ(run("frobnicate"), 2);
    ASSERT_CONTAINS(cmd_err, "unknown command");
    ASSERT_EQ(run("text --threads 0 -"), 2);
    ASSERT_EQ(run("text --format pdf -"), 2);
    ASSERT_EQ(run("code --help"), 0);
    ASSERT_CONTAINS(cmd_out, "usage: annals code");
    ASSERT_EQ(run("text --help"), 0);
    ASSERT_EQ(run("--version"), 0);
    ASSERT_CONTAINS(cmd_out, "annals ");
}

AN_TEST(cli_text_json_from_stdin)
{
    ASSERT_EQ(run("text --json - < /dev/null"), 1);
    ASSERT_CONTAINS(cmd_err, "-: warning: empty document");
    char path[512];
    snprintf(path, sizeof path, "%s/one.jsonl", an_test_tmpdir());
    const char *doc = "{\"id\":\"n1\",\"date\":\"2025-03-18\",\"text\":\"Ukraine said it. Russia denied it.\"}\n";
    ASSERT_EQ(an_test_write_file(path, doc, strlen(doc)), 0);
    ASSERT_EQ(run("text --json < '%s'", path), 0);
    ASSERT_CONTAINS(cmd_out, "\"doc_id\":\"n1\"");
    ASSERT_CONTAINS(cmd_out, "\"date\":\"2025-03-18\"");
    ASSERT_CONTAINS(cmd_out, "\"date_source\":\"input\"");
    ASSERT_CONTAINS(cmd_out, "\"sentences\":[[0,16],[17,34]]");
}

static void write_gz(const char *path, const char *p, size_t n, size_t keep)
{
    gzFile g = gzopen(path, "wb");
    gzwrite(g, p, (unsigned)n);
    gzclose(g);
    if (keep) { /* truncate to `keep` bytes */
        size_t len;
        char *all = an_test_read_file(path, &len);
        an_test_write_file(path, all, keep < len ? keep : len);
        free(all);
    }
}

AN_TEST(cli_bad_inputs_are_reported_counted_and_survived)
{
    char dir[512], p[800];
    snprintf(dir, sizeof dir, "%s/bad", an_test_tmpdir());
    snprintf(p, sizeof p, "mkdir -p '%s'", dir);
    ASSERT_EQ(system(p), 0);
#define F(name) (snprintf(p, sizeof p, "%s/%s", dir, name), p)
    ASSERT_EQ(an_test_write_file(F("01-good.txt"), "Good text one.", 14), 0);
    ASSERT_EQ(an_test_write_file(F("02-utf8.txt"), "line one\nbad \xff\xfe byte\n", 21), 0);
    ASSERT_EQ(an_test_write_file(F("03-nul.txt"), "has a \0 NUL byte", 16), 0);
    ASSERT_EQ(an_test_write_file(F("04-empty.txt"), "", 0), 0);
    /* binary: bytes 0..255 repeated */
    char bin[2048];
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (char)i;
    ASSERT_EQ(an_test_write_file(F("05-binary.txt"), bin, sizeof bin), 0);
    const char *jl = "{\"id\":\"j1\",\"text\":\"Fine.\"}\n{\"id\":\"j2\",\"text\":\n{\"id\":\"j3\",\"text\":\"Also fine.\"}\n";
    ASSERT_EQ(an_test_write_file(F("06-lines.jsonl"), jl, strlen(jl)), 0);
    char many[8192];
    size_t k = 0;
    for (int i = 0; i < 100; i++)
        k += (size_t)snprintf(many + k, sizeof many - k, "{\"id\":\"g%d\",\"text\":\"Doc %d.\"}\n", i, i);
    write_gz(F("07-trunc.jsonl.gz"), many, k, 300);
    const char *warc = "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\n"
                       "Content-Length: abc\r\n\r\nHTTP/1.1 200 OK\r\n\r\n\r\n\r\n"
                       "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://x/\r\n"
                       "Content-Type: text/html\r\nContent-Length: 21\r\n\r\n<p>Resource page.</p>\r\n\r\n";
    ASSERT_EQ(an_test_write_file(F("08-broken.warc"), warc, strlen(warc)), 0);
    /* 10,000 nested tags */
    size_t depth = 10000, hn = depth * 11 + 64;
    char *html = malloc(hn);
    ASSERT(html != NULL);
    size_t h = 0;
    for (size_t i = 0; i < depth; i++)
        h += (size_t)sprintf(html + h, "<div><span>");
    h += (size_t)sprintf(html + h, "Deep text.");
    ASSERT_EQ(an_test_write_file(F("09-deep.html"), html, h), 0);
    free(html);
    /* a 100 MB line */
    size_t big = 100u * 1000u * 1000u;
    char *line = malloc(big + 64);
    ASSERT(line != NULL);
    size_t bl = (size_t)sprintf(line, "{\"id\":\"huge\",\"text\":\"");
    memset(line + bl, 'w', big);
    bl += big;
    bl += (size_t)sprintf(line + bl, "\"}\n{\"id\":\"after\",\"text\":\"After.\"}\n");
    ASSERT_EQ(an_test_write_file(F("10-huge.jsonl"), line, bl), 0);
    free(line);
#undef F

    int rc = run("text --json --threads 2 '%s'", dir);
    ASSERT_EQ(rc, 1);
    /* the good documents come out */
    ASSERT_CONTAINS(cmd_out, "\"text\":\"Good text one.\"");
    ASSERT_CONTAINS(cmd_out, "\"doc_id\":\"j1\"");
    ASSERT_CONTAINS(cmd_out, "\"doc_id\":\"j3\"");
    ASSERT_CONTAINS(cmd_out, "\"doc_id\":\"g0\"");
    ASSERT_CONTAINS(cmd_out, "Resource page.");
    ASSERT_CONTAINS(cmd_out, "Deep text.");
    ASSERT_CONTAINS(cmd_out, "\"doc_id\":\"after\"");
    ASSERT_CONTAINS(cmd_out, "bad \xEF\xBF\xBD\xEF\xBF\xBD byte");
    /* every problem is named with its file and line or record */
    ASSERT_CONTAINS(cmd_err, "02-utf8.txt:2: warning: 2 invalid UTF-8 byte(s)");
    ASSERT_CONTAINS(cmd_err, "03-nul.txt:1: warning: 1 NUL/control byte(s)");
    ASSERT_CONTAINS(cmd_err, "04-empty.txt: warning: empty document");
    ASSERT_CONTAINS(cmd_err, "05-binary.txt: error: binary file");
    ASSERT_CONTAINS(cmd_err, "06-lines.jsonl:2: error: malformed JSON");
    ASSERT_CONTAINS(cmd_err, "07-trunc.jsonl.gz:");
    ASSERT_CONTAINS(cmd_err, "gzip stream is truncated");
    ASSERT_CONTAINS(cmd_err, "08-broken.warc:1: error: WARC record 1: invalid Content-Length");
    ASSERT_CONTAINS(cmd_err, "10-huge.jsonl:1: error: line too long");
    /* and the summary counts them */
    ASSERT_CONTAINS(cmd_err, "skipped");
    ASSERT_CONTAINS(cmd_err, "5 skipped");
}

AN_TEST(cli_output_is_identical_for_any_thread_count)
{
    char path[512];
    if (!an_test_shared_path("corpus/news.jsonl", path, sizeof path))
        snprintf(path, sizeof path, "data/sample/news-sample.jsonl");
    ASSERT_EQ(run("text --json --threads 1 '%s'", path), 0);
    char *one = cmd_out;
    cmd_out = NULL;
    ASSERT_EQ(run("text --json --threads 3 '%s'", path), 0);
    ASSERT(one && cmd_out && strlen(one) > 1000);
    ASSERT(strcmp(one, cmd_out) == 0);
    free(one);
}

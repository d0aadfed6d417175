/*
** test_ingest.c - readers: formats, metadata, and every kind of bad input
** (malformed JSON lines, over-long lines, truncated gzip, broken WARC
** headers, binary files), read from memory and from files.
*/
#include <stdlib.h>
#include <zlib.h>

#include "ingest/ingest.h"
#include "test.h"

/* Read all inputs of a memory reader; returns the count, fills up to max. */
static size_t read_all(const char *name, const char *p, size_t n,
                       size_t max_doc, an_input **out, size_t max)
{
    an_reader_opts o = {0};
    o.max_doc_bytes = max_doc;
    an_reader *r;
    if (an_reader_new_memory(&o, name, p, n, &r, NULL) != AN_OK)
        return 0;
    size_t k = 0;
    an_input *in;
    while (an_reader_next(r, &in) == 1) {
        if (k < max)
            out[k] = in;
        else
            an_input_free(in);
        k++;
    }
    an_reader_free(r);
    return k;
}

static void free_all(an_input **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        an_input_free(v[i]);
}

AN_TEST(jsonl_fields_errors_and_lines)
{
    const char *s =
        "{\"id\":\"a1\",\"url\":\"http://x/1\",\"source\":\"Wire\",\"date\":\"2025-03-18\","
        "\"title\":\"T\",\"text\":\"Hello.\"}\n"
        "\n"
        "{\"id\":\"a2\", \"text\": \"broken\"\n"
        "[1,2]\n"
        "{\"id\":\"a4\",\"html\":\"<p>Hi</p>\"}\n"
        "{\"id\":\"a5\"}\n"
        "{\"text\":\"no id\"}";
    an_input *v[8];
    size_t n = read_all("feed.jsonl", s, strlen(s), 0, v, 8);
    ASSERT_EQ(n, 6);
    ASSERT_EQ(v[0]->error, AN_OK);
    ASSERT_SPAN_EQ(v[0]->id, "a1");
    ASSERT_SPAN_EQ(v[0]->url, "http://x/1");
    ASSERT_SPAN_EQ(v[0]->outlet, "Wire");
    ASSERT_SPAN_EQ(v[0]->date, "2025-03-18");
    ASSERT_SPAN_EQ(v[0]->title, "T");
    ASSERT_SPAN_EQ(v[0]->body, "Hello.");
    ASSERT_EQ(v[0]->format, AN_FMT_TEXT);
    ASSERT_EQ(v[0]->line, 1);
    ASSERT_EQ(v[1]->error, AN_EFORMAT); /* line 3: unterminated object */
    ASSERT_EQ(v[1]->line, 3);
    ASSERT_CONTAINS(v[1]->errmsg, "malformed JSON");
    ASSERT_EQ(v[2]->error, AN_EFORMAT); /* line 4: not an object */
    ASSERT_EQ(v[2]->line, 4);
    ASSERT_EQ(v[3]->format, AN_FMT_HTML);
    ASSERT_SPAN_EQ(v[3]->body, "<p>Hi</p>");
    ASSERT_EQ(v[4]->error, AN_EFORMAT); /* no text */
    ASSERT_CONTAINS(v[4]->errmsg, "no \"text\"");
    ASSERT_SPAN_EQ(v[5]->id, "feed#7"); /* last line without newline */
    ASSERT_EQ(v[5]->seq, 5);
    free_all(v, n);
}

AN_TEST(jsonl_overlong_line_is_skipped_not_loaded)
{
    size_t big = 3u << 20; /* 3 MiB line, limit 1 MiB */
    size_t n = big + 200;
    char *s = malloc(n);
    ASSERT(s != NULL);
    size_t k = (size_t)sprintf(s, "{\"id\":\"x\",\"text\":\"");
    memset(s + k, 'a', big);
    k += big;
    k += (size_t)sprintf(s + k, "\"}\n{\"id\":\"y\",\"text\":\"ok\"}\n");
    an_input *v[4];
    size_t got = read_all("big.jsonl", s, k, 1u << 20, v, 4);
    free(s);
    ASSERT_EQ(got, 2);
    ASSERT_EQ(v[0]->error, AN_ERANGE);
    ASSERT_EQ(v[0]->line, 1);
    ASSERT_CONTAINS(v[0]->errmsg, "line too long");
    ASSERT_EQ(v[1]->error, AN_OK);
    ASSERT_SPAN_EQ(v[1]->id, "y");
    ASSERT_EQ(v[1]->line, 2);
    free_all(v, got);
}

/* gzip-compress p[0..n) into a new buffer. */
static char *gz(const char *p, size_t n, size_t *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&z, n) + 64;
    char *b = malloc(cap);
    z.next_in = (Bytef *)p;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)b;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    *out = cap - z.avail_out;
    deflateEnd(&z);
    return b;
}

AN_TEST(gzip_jsonl_and_truncated_gzip)
{
    char s[4096];
    size_t k = 0;
    for (int i = 0; i < 50; i++)
        k += (size_t)sprintf(s + k, "{\"id\":\"d%d\",\"text\":\"Document number %d.\"}\n", i, i);
    size_t zn;
    char *z = gz(s, k, &zn);
    an_input *v[64];
    size_t n = read_all("f.jsonl.gz", z, zn, 0, v, 64);
    ASSERT_EQ(n, 50);
    ASSERT_SPAN_EQ(v[49]->id, "d49");
    free_all(v, n);
    /* Truncated: the first documents come out, then one error for the rest. */
    n = read_all("f.jsonl.gz", z, zn / 2, 0, v, 64);
    ASSERT(n >= 2 && n < 50);
    size_t errs = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i]->error == AN_ETRUNC) {
            errs++;
            ASSERT_CONTAINS(v[i]->errmsg, "truncated");
        }
    }
    ASSERT(errs >= 1);
    ASSERT_EQ(v[0]->error, AN_OK);
    free_all(v, n);
    free(z);
}

/* Append one WARC record to b. */
static void warc_rec(an_buf *b, const char *type, const char *uri,
                     const char *ctype, const char *payload)
{
    an_buf_printf(b, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n"
                     "WARC-Date: 2025-03-18T10:00:00Z\r\nContent-Type: %s\r\n"
                     "Content-Length: %zu\r\n\r\n",
                  type, uri, ctype, strlen(payload));
    an_buf_adds(b, payload);
    an_buf_adds(b, "\r\n\r\n");
}

AN_TEST(warc_records_chunked_gzip_and_broken_headers)
{
    an_buf b;
    an_buf_init(&b);
    warc_rec(&b, "warcinfo", "", "application/warc-fields", "software: test\r\n");
    warc_rec(&b, "request", "http://a/1", "application/http; msgtype=request",
             "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n");
    warc_rec(&b, "response", "http://a/1", "application/http; msgtype=response",
             "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n"
             "<html><body><p>First page.</p></body></html>");
    warc_rec(&b, "response", "http://a/img", "application/http; msgtype=response",
             "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG....");
    warc_rec(&b, "response", "http://a/2", "application/http; msgtype=response",
             "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
             "7\r\n<p>Chun\r\n9\r\nked page.\r\n0\r\n\r\n");
    /* Broken: no Content-Length. */
    an_buf_adds(&b, "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\n\r\n"
                    "HTTP/1.1 200 OK\r\n\r\ngarbage\r\n\r\n");
    warc_rec(&b, "response", "http://a/404", "application/http; msgtype=response",
             "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>");
    /* gzip content encoding */
    const char *page = "<html><body><p>Zipped page.</p></body></html>";
    size_t zn;
    char *z = gz(page, strlen(page), &zn);
    an_buf http;
    an_buf_init(&http);
    an_buf_printf(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                         "Content-Encoding: gzip\r\nContent-Length: %zu\r\n\r\n", zn);
    an_buf_add(&http, z, zn);
    an_buf_printf(&b, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://a/3\r\n"
                      "Content-Type: application/http;msgtype=response\r\n"
                      "Content-Length: %zu\r\n\r\n", http.n);
    an_buf_add(&b, http.p, http.n);
    an_buf_adds(&b, "\r\n\r\n");
    /* Truncated last record. */
    an_buf_adds(&b, "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\n"
                    "Content-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n");

    an_input *v[16];
    size_t n = read_all("crawl.warc", b.p, b.n, 0, v, 16);
    ASSERT_EQ(n, 5);
    ASSERT_EQ(v[0]->error, AN_OK);
    ASSERT_SPAN_EQ(v[0]->url, "http://a/1");
    ASSERT_SPAN_EQ(v[0]->charset, "iso-8859-1");
    ASSERT_SPAN_EQ(v[0]->fetched, "2025-03-18T10:00:00Z");
    ASSERT_EQ(v[0]->format, AN_FMT_HTML);
    ASSERT_EQ(v[0]->line, 3); /* record number */
    ASSERT_SPAN_EQ(v[1]->body, "<p>Chunked page.");
    ASSERT_EQ(v[2]->error, AN_EFORMAT);
    ASSERT_EQ(v[2]->line, 6);
    ASSERT_CONTAINS(v[2]->errmsg, "Content-Length");
    ASSERT_SPAN_EQ(v[3]->body, page);
    ASSERT_SPAN_EQ(v[3]->url, "http://a/3");
    ASSERT_EQ(v[4]->error, AN_ETRUNC);
    ASSERT_CONTAINS(v[4]->errmsg, "truncated");
    free_all(v, n);
    free(z);
    an_buf_fini(&http);
    an_buf_fini(&b);
}

AN_TEST(format_sniffing_and_binary_detection)
{
    ASSERT_EQ(an_ingest_format_of_name("a/b/page.HTML.gz"), AN_FMT_HTML);
    ASSERT_EQ(an_ingest_format_of_name("x.warc.gz"), AN_FMT_WARC);
    ASSERT_EQ(an_ingest_format_of_name("x.ndjson"), AN_FMT_JSONL);
    ASSERT_EQ(an_ingest_format_of_name("x.txt"), AN_FMT_TEXT);
    ASSERT_EQ(an_ingest_format_of_name("x"), AN_FMT_AUTO);
    ASSERT_STR_EQ(an_ingest_binary_kind("\x89PNG\r\n\x1a\n", 8), "a PNG image");
    ASSERT(an_ingest_binary_kind("plain text\n", 11) == NULL);
    an_input *v[2];
    size_t n = read_all("noext", "<!DOCTYPE html><p>x</p>", 23, 0, v, 2);
    ASSERT_EQ(n, 1);
    ASSERT_EQ(v[0]->format, AN_FMT_HTML);
    ASSERT_SPAN_EQ(v[0]->id, "noext");
    free_all(v, n);
    n = read_all("noext", "{\"text\":\"t\"}\n", 13, 0, v, 2);
    ASSERT_EQ(n, 1);
    ASSERT_SPAN_EQ(v[0]->body, "t");
    free_all(v, n);
    char bin[600];
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (char)(i * 7);
    n = read_all("blob.txt", bin, sizeof bin, 0, v, 2);
    ASSERT_EQ(n, 1);
    ASSERT_EQ(v[0]->error, AN_EBINARY);
    ASSERT_CONTAINS(v[0]->errmsg, "binary");
    free_all(v, n);
    /* A single document over the limit is refused with its size. */
    char big[5000];
    memset(big, 'x', sizeof big);
    n = read_all("big.txt", big, sizeof big, 4096, v, 2);
    ASSERT_EQ(n, 1);
    ASSERT_EQ(v[0]->error, AN_ERANGE);
    ASSERT_CONTAINS(v[0]->errmsg, "too large");
    free_all(v, n);
}

AN_TEST(directories_are_walked_in_name_order)
{
    char dir[512], sub[600], p[700];
    snprintf(dir, sizeof dir, "%s/walk", an_test_tmpdir());
    snprintf(sub, sizeof sub, "%s/b-sub", dir);
    ASSERT_EQ(system(NULL) != 0, 1);
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", sub);
    ASSERT_EQ(system(cmd), 0);
    snprintf(p, sizeof p, "%s/c.txt", dir);
    ASSERT_EQ(an_test_write_file(p, "C", 1), 0);
    snprintf(p, sizeof p, "%s/a.txt", dir);
    ASSERT_EQ(an_test_write_file(p, "A", 1), 0);
    snprintf(p, sizeof p, "%s/x.txt", sub);
    ASSERT_EQ(an_test_write_file(p, "X", 1), 0);
    snprintf(p, sizeof p, "%s/.hidden", dir);
    ASSERT_EQ(an_test_write_file(p, "H", 1), 0);
    const char *paths[] = {dir, "/nonexistent/file.txt"};
    an_reader *r;
    ASSERT_EQ(an_reader_new(NULL, paths, 2, &r, NULL), AN_OK);
    const char *want[] = {"A", "X", "C"};
    an_input *in;
    for (int i = 0; i < 3; i++) {
        ASSERT_EQ(an_reader_next(r, &in), 1);
        ASSERT_SPAN_EQ(in->body, want[i]);
        an_input_free(in);
    }
    ASSERT_EQ(an_reader_next(r, &in), 1);
    ASSERT_EQ(in->error, AN_ENOENT);
    ASSERT_STR_EQ(in->origin, "/nonexistent/file.txt");
    an_input_free(in);
    ASSERT_EQ(an_reader_next(r, &in), 0);
    ASSERT(an_reader_bytes(r) >= 3);
    an_reader_free(r);
}

AN_TEST(charset_conversion)
{
    an_arena a;
    an_arena_init(&a);
    an_span out;
    ASSERT_EQ(an_charset_to_utf8(&a, "windows-1252", 12, "caf\xE9 \x93q\x94", 8, &out), AN_OK);
    ASSERT_SPAN_EQ(out, "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D");
    ASSERT_EQ(an_charset_to_utf8(&a, "koi8-r", 6, "\xF0\xD2\xC9", 3, &out), AN_OK);
    ASSERT_SPAN_EQ(out, "\xD0\x9F\xD1\x80\xD0\xB8"); /* "При" */
    ASSERT_EQ(an_charset_to_utf8(&a, "no-such-charset", 15, "x", 1, &out), AN_EUNSUP);
    char cs[32];
    const char *h = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">";
    ASSERT(an_charset_sniff_html(h, strlen(h), cs, sizeof cs));
    ASSERT_STR_EQ(cs, "shift_jis");
    an_arena_fini(&a);
}

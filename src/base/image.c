/*
** image.c - reading and writing the compiled-resource container.
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "image.h"

#define MAGIC "ANNALSIM"
#define BOM 0x01020304u
#define HDR_SIZE 64
#define ENT_SIZE 32

typedef struct hdr {
    char magic[8];
    uint32_t version;
    uint32_t bom;
    char kind[16];
    uint32_t kind_version;
    uint32_t nsect;
    uint64_t file_size;
    uint64_t checksum;
    uint8_t reserved[8];
} hdr;
static_assert(sizeof(hdr) == HDR_SIZE, "image header is 64 bytes");

typedef struct ent {
    char name[16];
    uint64_t offset;
    uint64_t length;
} ent;
static_assert(sizeof(ent) == ENT_SIZE, "section entry is 32 bytes");

struct an_image {
    const uint8_t *p;
    size_t n;
    int mapped;
    uint32_t kind_version;
    uint32_t nsect;
    const ent *table;
};

static int check(an_image *img, const char *kind, an_err *err)
{
    hdr h;
    if (img->n < HDR_SIZE)
        return an_err_set(err, AN_EFORMAT, "image too small (%zu bytes)", img->n);
    memcpy(&h, img->p, sizeof h);
    if (memcmp(h.magic, MAGIC, 8) != 0)
        return an_err_set(err, AN_EFORMAT, "not an annals image (bad magic)");
    if (h.bom != BOM)
        return an_err_set(err, AN_EFORMAT, "image has the wrong byte order");
    if (h.version != AN_IMAGE_VERSION)
        return an_err_set(err, AN_EFORMAT, "image format version %u, expected %u",
                          h.version, AN_IMAGE_VERSION);
    if (memchr(h.kind, 0, sizeof h.kind) == NULL ||
        strcmp(h.kind, kind) != 0)
        return an_err_set(err, AN_EFORMAT, "image is not of kind '%s'", kind);
    if (h.file_size != img->n)
        return an_err_set(err, AN_EFORMAT,
                          "image size %zu does not match header (%llu): truncated?",
                          img->n, (unsigned long long)h.file_size);
    if (XXH64(img->p + HDR_SIZE, img->n - HDR_SIZE, 0) != h.checksum)
        return an_err_set(err, AN_EFORMAT, "image checksum mismatch: corrupt file");
    if (!an_in_bounds(HDR_SIZE, (uint64_t)h.nsect * ENT_SIZE, img->n))
        return an_err_set(err, AN_EFORMAT, "image section table out of bounds");
    img->table = (const ent *)(img->p + HDR_SIZE);
    for (uint32_t i = 0; i < h.nsect; i++) {
        ent e;
        memcpy(&e, &img->table[i], sizeof e);
        if (memchr(e.name, 0, sizeof e.name) == NULL)
            return an_err_set(err, AN_EFORMAT, "image section %u: bad name", i);
        if (!an_in_bounds(e.offset, e.length, img->n) || (e.offset & 15))
            return an_err_set(err, AN_EFORMAT, "image section '%s' out of bounds",
                              e.name);
    }
    img->kind_version = h.kind_version;
    img->nsect = h.nsect;
    return AN_OK;
}

int an_image_from_memory(const void *p, size_t n, const char *kind,
                         an_image **out, an_err *err)
{
    *out = NULL;
    an_image *img = calloc(1, sizeof *img);
    if (!img)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    img->p = p;
    img->n = n;
    int rc = check(img, kind, err);
    if (rc != AN_OK) {
        free(img);
        return rc;
    }
    *out = img;
    return AN_OK;
}

int an_image_open(const char *path, const char *kind, an_image **out,
                  an_err *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return an_err_set(err, errno == ENOENT ? AN_ENOENT : AN_EIO,
                          "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < HDR_SIZE) {
        close(fd);
        return an_err_set(err, AN_EFORMAT, "%s: not an image file", path);
    }
    size_t n = (size_t)st.st_size;
    void *p = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return an_err_set(err, AN_EIO, "%s: mmap: %s", path, strerror(errno));
    an_image *img = NULL;
    int rc = an_image_from_memory(p, n, kind, &img, err);
    if (rc != AN_OK) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
        an_err_set(err, rc, "%s: %s", path, msg);
        munmap(p, n);
        return rc;
    }
    img->mapped = 1;
    *out = img;
    return AN_OK;
}

int an_image_load(const char *path, const void *p, size_t n, const char *kind,
                  size_t size, size_t img_off,
                  int (*load)(void *obj, an_err *err), void **out, an_err *err)
{
    *out = NULL;
    an_image *img;
    int rc = path ? an_image_open(path, kind, &img, err)
                  : an_image_from_memory(p, n, kind, &img, err);
    if (rc != AN_OK)
        return rc;
    unsigned char *obj = calloc(1, size);
    if (!obj) {
        an_image_close(img);
        return an_err_set(err, AN_ENOMEM, "out of memory");
    }
    memcpy(obj + img_off, &img, sizeof img);
    rc = load(obj, err);
    if (rc != AN_OK) {
        an_image_close(img);
        free(obj);
        if (path && err) {
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%s", err->msg);
            an_err_set(err, rc, "%s: %s", path, msg);
        }
        return rc;
    }
    *out = obj;
    return AN_OK;
}

void an_image_close(an_image *img)
{
    if (!img)
        return;
    if (img->mapped)
        munmap((void *)img->p, img->n);
    free(img);
}

uint32_t an_image_kind_version(const an_image *img)
{
    return img->kind_version;
}

int an_image_section(const an_image *img, const char *name, an_span *out)
{
    for (uint32_t i = 0; i < img->nsect; i++) {
        ent e;
        memcpy(&e, &img->table[i], sizeof e);
        if (strcmp(e.name, name) == 0) {
            out->p = (const char *)img->p + e.offset;
            out->n = (size_t)e.length;
            return AN_OK;
        }
    }
    out->p = NULL;
    out->n = 0;
    return AN_ENOENT;
}

/* ---- writer ---- */

typedef struct wsect {
    char name[16];
    an_buf data;
} wsect;

struct an_image_writer {
    char kind[16];
    uint32_t kind_version;
    wsect *s;
    size_t n, cap;
};

int an_image_writer_new(const char *kind, uint32_t kind_version,
                        an_image_writer **out)
{
    *out = NULL;
    if (strlen(kind) >= 16)
        return AN_EINVAL;
    an_image_writer *w = calloc(1, sizeof *w);
    if (!w)
        return AN_ENOMEM;
    memcpy(w->kind, kind, strlen(kind));
    w->kind_version = kind_version;
    *out = w;
    return AN_OK;
}

int an_image_writer_add(an_image_writer *w, const char *name, const void *p,
                        size_t n)
{
    if (strlen(name) >= 16)
        return AN_EINVAL;
    if (w->n == w->cap) {
        size_t nc = w->cap ? w->cap * 2 : 8;
        wsect *ns = realloc(w->s, nc * sizeof *ns);
        if (!ns)
            return AN_ENOMEM;
        w->s = ns;
        w->cap = nc;
    }
    wsect *s = &w->s[w->n];
    memset(s, 0, sizeof *s);
    memcpy(s->name, name, strlen(name));
    an_buf_add(&s->data, p, n);
    if (s->data.oom) {
        an_buf_fini(&s->data);
        return AN_ENOMEM;
    }
    w->n++;
    return AN_OK;
}

int an_image_writer_to_buf(an_image_writer *w, an_buf *out)
{
    size_t off = HDR_SIZE + w->n * ENT_SIZE;
    off = (off + 15) & ~(size_t)15;
    size_t start = out->n;
    size_t total = off;
    for (size_t i = 0; i < w->n; i++)
        total = ((total + w->s[i].data.n) + 15) & ~(size_t)15;
    if (an_buf_reserve(out, total) != AN_OK)
        return AN_ENOMEM;
    uint8_t *base = (uint8_t *)out->p + start;
    memset(base, 0, total);
    hdr h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, 8);
    h.version = AN_IMAGE_VERSION;
    h.bom = BOM;
    memcpy(h.kind, w->kind, sizeof h.kind);
    h.kind_version = w->kind_version;
    h.nsect = (uint32_t)w->n;
    h.file_size = total;
    for (size_t i = 0; i < w->n; i++) {
        ent e;
        memset(&e, 0, sizeof e);
        memcpy(e.name, w->s[i].name, sizeof e.name);
        e.offset = off;
        e.length = w->s[i].data.n;
        memcpy(base + HDR_SIZE + i * ENT_SIZE, &e, sizeof e);
        if (w->s[i].data.n)
            memcpy(base + off, w->s[i].data.p, w->s[i].data.n);
        off = (off + w->s[i].data.n + 15) & ~(size_t)15;
    }
    h.checksum = XXH64(base + HDR_SIZE, total - HDR_SIZE, 0);
    memcpy(base, &h, sizeof h);
    out->n += total;
    out->p[out->n] = 0;
    return AN_OK;
}

int an_image_writer_save(an_image_writer *w, const char *path, an_err *err)
{
    an_buf b;
    an_buf_init(&b);
    if (an_image_writer_to_buf(w, &b) != AN_OK) {
        an_buf_fini(&b);
        return an_err_set(err, AN_ENOMEM, "out of memory writing %s", path);
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    int rc = AN_OK;
    if (!f) {
        rc = an_err_set(err, AN_EIO, "%s: %s", tmp, strerror(errno));
    } else {
        if (fwrite(b.p, 1, b.n, f) != b.n)
            rc = an_err_set(err, AN_EIO, "%s: write failed", tmp);
        if (fclose(f) != 0 && rc == AN_OK)
            rc = an_err_set(err, AN_EIO, "%s: close failed", tmp);
        if (rc == AN_OK && rename(tmp, path) != 0)
            rc = an_err_set(err, AN_EIO, "%s: %s", path, strerror(errno));
        if (rc != AN_OK)
            remove(tmp);
    }
    an_buf_fini(&b);
    return rc;
}

void an_image_writer_free(an_image_writer *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n; i++)
        an_buf_fini(&w->s[i].data);
    free(w->s);
    free(w);
}

/*
** image.h - the one container format of every compiled resource (tagger,
** lemmatiser and parser models, dictionaries, gazetteer).
**
** Layout (little-endian; see docs/file-formats.md):
**
**   header   64 bytes   magic "ANNALSIM", format version, byte-order mark,
**                       kind ("pos", "dep", "dict", ...), kind version,
**                       section count, file size, xxh64 checksum of all
**                       bytes after the header
**   table    nsect * 32 bytes: name[16], offset u64, length u64
**   data     sections, each 16-byte aligned
**
** Images are opened with mmap (an_image_open) or over memory the caller
** keeps alive (an_image_from_memory, for tests and fuzzing).  The loader
** checks the magic, versions, size, checksum and every section's bounds
** before handing any byte out; consumers still bounds-check the offsets
** they read inside their own sections.
*/
#ifndef AN_IMAGE_H
#define AN_IMAGE_H

#include "base.h"

#define AN_IMAGE_VERSION 1

typedef struct an_image an_image;

/** Map the file at `path` and check it is an image of `kind`. */
int an_image_open(const char *path, const char *kind, an_image **out,
                  an_err *err);

/** Check an image held in memory (not copied; must outlive the image). */
int an_image_from_memory(const void *p, size_t n, const char *kind,
                         an_image **out, an_err *err);

/** Unmap and free; NULL is a no-op. */
void an_image_close(an_image *img);

/**
 * Open the resource of `kind` kept in an image: the file at `path`, or
 * when path is NULL the memory p[0..n).  A zeroed object of `size` bytes
 * is allocated, its an_image pointer (the member at byte `img_off`) set,
 * and `load(obj, err)` checks and reads the sections.  On success *out is
 * the object (freed by an_image_close() of that member and free()); on
 * failure nothing is left, and errors about a file name it.
 */
int an_image_load(const char *path, const void *p, size_t n, const char *kind,
                  size_t size, size_t img_off,
                  int (*load)(void *obj, an_err *err), void **out, an_err *err);

/** The kind-specific version stored in the header. */
uint32_t an_image_kind_version(const an_image *img);

/** Find section `name`; AN_OK with *out set, or AN_ENOENT. */
int an_image_section(const an_image *img, const char *name, an_span *out);

/* ---- writing ---- */

typedef struct an_image_writer an_image_writer;

int an_image_writer_new(const char *kind, uint32_t kind_version,
                        an_image_writer **out);
/** Add a section (bytes copied).  Names are at most 15 bytes. */
int an_image_writer_add(an_image_writer *w, const char *name, const void *p,
                        size_t n);
/** Write the image to `path` atomically (temporary file + rename). */
int an_image_writer_save(an_image_writer *w, const char *path, an_err *err);
/** Serialise the image into `out` (for tests). */
int an_image_writer_to_buf(an_image_writer *w, an_buf *out);
void an_image_writer_free(an_image_writer *w);

#endif /* AN_IMAGE_H */

/*
** status.h - status codes and the error record of the annals library.
**
** Every fallible call returns an int: AN_OK (0) on success, a negative
** AN_E* code on failure.  Calls that can say more take an optional
** `an_err *` and fill its fixed-size message, so reporting an error never
** allocates.  Only the command-line front end ever exits the process.
*/
#ifndef ANNALS_STATUS_H
#define ANNALS_STATUS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define AN_API __attribute__((visibility("default")))
#define AN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define AN_API
#define AN_PRINTF(f, a)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes.  Zero is success; every failure is negative. */
enum an_status {
    AN_OK = 0,
    AN_ENOMEM = -1,    /* an allocation failed */
    AN_EIO = -2,       /* reading or writing a file failed */
    AN_EFORMAT = -3,   /* input is malformed (bad JSON, bad image, ...) */
    AN_EINVAL = -4,    /* a caller passed an invalid argument */
    AN_ENOENT = -5,    /* a file, section or key does not exist */
    AN_ERANGE = -6,    /* a value or size is out of the allowed range */
    AN_EUTF8 = -7,     /* text is not valid UTF-8 */
    AN_EBINARY = -8,   /* input is a binary file, not text */
    AN_ETRUNC = -9,    /* input ended early (truncated gzip, WARC, ...) */
    AN_EUNSUP = -10,   /* a feature or format is not supported */
    AN_EINTERNAL = -11 /* an internal invariant failed */
};

/** An error record: the status code and a message for humans. */
typedef struct an_err {
    int code;       /* an enum an_status value; AN_OK when unset */
    char msg[256];  /* NUL-terminated message, "" when unset */
} an_err;

/** Return a static, human-readable name for a status code. */
AN_API const char *an_strerror(int code);

/**
 * Record an error in `err` (which may be NULL) and return `code`, so that
 * callers can write `return an_err_set(err, AN_EFORMAT, "...", ...);`.
 * The message is truncated to fit; no allocation takes place.
 */
AN_API int an_err_set(an_err *err, int code, const char *fmt, ...)
    AN_PRINTF(3, 4);

/** Like an_err_set() with a va_list. */
AN_API int an_err_setv(an_err *err, int code, const char *fmt, va_list ap);

/** Clear an error record (NULL is accepted). */
AN_API void an_err_clear(an_err *err);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_STATUS_H */

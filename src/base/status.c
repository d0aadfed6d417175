/*
** status.c - status names and the error record.
*/
#include <stdio.h>

#include "base.h"

const char *an_strerror(int code)
{
    switch (code) {
    case AN_OK: return "ok";
    case AN_ENOMEM: return "out of memory";
    case AN_EIO: return "input/output error";
    case AN_EFORMAT: return "malformed input";
    case AN_EINVAL: return "invalid argument";
    case AN_ENOENT: return "not found";
    case AN_ERANGE: return "out of range";
    case AN_EUTF8: return "invalid UTF-8";
    case AN_EBINARY: return "binary data";
    case AN_ETRUNC: return "truncated input";
    case AN_EUNSUP: return "not supported";
    case AN_EINTERNAL: return "internal error";
    default: return "unknown error";
    }
}

int an_err_setv(an_err *err, int code, const char *fmt, va_list ap)
{
    if (err) {
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    }
    return code;
}

int an_err_set(an_err *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    an_err_setv(err, code, fmt, ap);
    va_end(ap);
    return code;
}

void an_err_clear(an_err *err)
{
    if (err) {
        err->code = AN_OK;
        err->msg[0] = 0;
    }
}

const char *an_version(void)
{
    return AN_VERSION_STRING;
}

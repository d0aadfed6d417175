/*
** version.h - the version of libannals.
*/
#ifndef ANNALS_VERSION_H
#define ANNALS_VERSION_H

#include "status.h"

#define AN_VERSION_MAJOR 0
#define AN_VERSION_MINOR 1
#define AN_VERSION_PATCH 0
#define AN_VERSION_STRING "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/** The library's version string ("0.1.0"); may differ from the header's. */
AN_API const char *an_version(void);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_VERSION_H */

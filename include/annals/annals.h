/*
** annals.h - the public interface of libannals, an engine that turns news
** into event data.  Programs include this header only.
*/
#ifndef ANNALS_H
#define ANNALS_H

#include "status.h"
#include "doc.h"
#include "engine.h"
#include "event.h"
#include "code.h"
#include "dict.h"
#include "out.h"
#include "nlp.h"
#include "store.h"
#include "version.h"
#include "whenwhere.h"
#include "validate.h"

#endif /* ANNALS_H */

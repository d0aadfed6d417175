/*
** tone.h - the document tone score (an_tone(), declared in
** annals/store.h) and a self-check of its word lists for the tests.
*/
#ifndef AN_TONE_H
#define AN_TONE_H

#include "../base/base.h"

/*
** Check the built-in lists: every word must be found by the lookup (the
** lists are sorted) and no word may be in both.  Returns the number of
** problems (0 when all is well).
*/
int an__tone_selfcheck(void);

#endif /* AN_TONE_H */

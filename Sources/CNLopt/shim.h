// NLopt from Debian's libnlopt-dev (2.7.1): nonlinear optimizers for maximum likelihood fits.
#include <nlopt.h>

// XGBoost's C API from Debian's libxgboost-dev (1.7.4): gradient-boosted trees.
#include <xgboost/c_api.h>

//! check reports server defaults and renamed indexes by their real names.

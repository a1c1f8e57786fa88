/**
 * kefu: a self-hosted backend for WeChat Mini Program customer-service messages. Each
 * direct sub-package is a Spring Modulith application module. This package holds what
 * concerns the whole process, e.g. {@code PrivateDataFiles}: the data directory and the
 * H2 files readable by kefu's own user only.
 */
package dev.kefu;

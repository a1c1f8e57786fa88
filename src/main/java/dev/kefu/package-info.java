/**
 * kefu: a self-hosted backend for WeChat Mini Program customer-service messages.
 * Each direct sub-package is a Spring Modulith application module.
 */
package dev.kefu;

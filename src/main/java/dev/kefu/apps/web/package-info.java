/**
 * The admin REST API of the apps, {@code /api/apps}: JSON in, JSON out, errors as problem
 * details naming each invalid field. Credentials are accepted and never returned; the
 * optional {@code pushMode} is returned, {@code null} when none is recorded. Also the app
 * screens (where the push mode is a choice in the form) and their "verify URL" check,
 * which refuses loopback and private hosts (as the image fetcher does), shows no answer
 * body and signs with a nonce no push is accepted with.
 */
package dev.kefu.apps.web;

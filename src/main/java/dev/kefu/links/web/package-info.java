/**
 * The links module's console screens: the funnel panel of the dashboard, the funnel of
 * one rule on its page, and the funnel page of an app with its CSV export.
 */
package dev.kefu.links.web;

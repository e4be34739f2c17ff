/**
 * The applications, as the catalog topic ({@code beacon.catalog.v1}) defines them: what
 * the notifier needs to know of a page to let people subscribe to it and to tell them
 * about it.
 */
package dev.beacon.notifier.catalog;

/* VKC service worker of one language tree (written by vkc.search.offline).
   After the first visit the language's pages, assets, glossary and search index are cached;
   the cache name carries the content hash of the edition, so a new edition installs a new
   cache and removes the old one. Requests into another language's tree are left alone. */
"use strict";
var VERSION = "__VERSION__";
var PREFIX = "__PREFIX__";
var FILES = __FILES__;
var OTHERS = __OTHERS__;
var SCOPE = new URL("./", self.location).href;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(VERSION).then(function (cache) {
      // "no-cache": asked of the server again, not taken from the browser's HTTP cache, which
      // may still hold the previous edition's page (a page published minutes ago counts as
      // fresh for a while by its Last-Modified alone); an unchanged file costs a 304.
      return cache.addAll(FILES.map(function (f) {
        return new Request(new URL(f, SCOPE).href, { cache: "no-cache" });
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) {
        return k.indexOf(PREFIX) === 0 && k !== VERSION;
      }).map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET" || req.url.indexOf(SCOPE) !== 0) return;
  var rel = req.url.slice(SCOPE.length);
  if (OTHERS.some(function (o) { return rel.indexOf(o) === 0; })) return;
  event.respondWith(
    caches.open(VERSION).then(function (cache) {
      return cache.match(req, { ignoreSearch: true }).then(function (hit) {
        if (hit) return hit;
        return fetch(req).catch(function () {
          return cache.match(new URL("404.html", SCOPE).href).then(function (page) {
            return page || Response.error();
          });
        });
      });
    })
  );
});

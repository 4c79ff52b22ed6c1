// The service worker of the preview (served by `vkc serve` in place of every language's sw.js).
//
// The site's own worker answers pages from its cache first: in the preview a reload would show
// the page as it was before the edit, and its old reload script would reload again at once.
// This one caches nothing, answers nothing (every request goes to the preview server), and
// removes the caches that a site served at this address before left behind.
"use strict";
self.addEventListener("install", function () {
  self.skipWaiting();
});
self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

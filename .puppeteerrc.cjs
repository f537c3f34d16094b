/**
 * whatsapp-web.js pulls in puppeteer, whose install step would download its own Chrome.
 * Kompis uses the system Chromium instead (CHROMIUM_PATH), so installs work offline.
 */
module.exports = { skipDownload: true };

// Embeds the Pharos chat widget: <script src="https://<channel-gateway>/chat-widget/embed.js" data-channel="acme-chat" async></script>
(function () {
  var script = document.currentScript;
  var base = new URL('.', script.src);
  var frame = document.createElement('iframe');
  frame.src = new URL('index.html?channel=' + encodeURIComponent(script.dataset.channel || 'acme-chat')
    + (script.dataset.lang ? '&lang=' + encodeURIComponent(script.dataset.lang) : ''), base);
  frame.title = 'Chat';
  frame.style.cssText = 'position:fixed;right:16px;bottom:16px;width:360px;height:520px;max-width:calc(100vw - 32px);border:0;'
    + 'border-radius:12px;box-shadow:0 6px 24px rgba(0,0,0,.25);z-index:2147483000;background:#fff';
  document.body.appendChild(frame);
})();

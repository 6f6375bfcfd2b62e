// Pharos chat widget: one session per browser (token kept in localStorage), a WebSocket that
// reconnects by itself and asks for what it missed ("after" = the last message number seen),
// and messages kept until the server acknowledges them (then they are in Pharos for good).
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var channel = params.get('channel') || 'acme-chat';
  var lang = (params.get('lang') || navigator.language || 'en').slice(0, 2) === 'el' ? 'el' : 'en';
  var texts = {
    en: { title: 'Chat with us', connecting: 'Connecting…', online: 'We are online', offlineStatus: 'We are away – we answer by email',
      offline: 'Nobody is online right now. Leave your message and email: we will answer by email.', name: 'Your name',
      email: 'Email', start: 'Start chatting', message: 'Message', send: 'Send', typing: 'An agent is typing…',
      reconnecting: 'Connection lost – reconnecting…', emailNeeded: 'Please give your email so that we can answer you.' },
    el: { title: 'Συνομιλήστε μαζί μας', connecting: 'Σύνδεση…', online: 'Είμαστε διαθέσιμοι', offlineStatus: 'Δεν είμαστε διαθέσιμοι – απαντάμε με email',
      offline: 'Δεν είναι κανείς διαθέσιμος τώρα. Αφήστε το μήνυμα και το email σας: θα σας απαντήσουμε με email.', name: 'Το όνομά σας',
      email: 'Email', start: 'Έναρξη', message: 'Μήνυμα', send: 'Αποστολή', typing: 'Ένας συνεργάτης πληκτρολογεί…',
      reconnecting: 'Η σύνδεση χάθηκε – επανασύνδεση…', emailNeeded: 'Δώστε το email σας για να μπορέσουμε να σας απαντήσουμε.' }
  }[lang];
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = texts[el.dataset.i18n]; });

  var key = 'pharos.chat.' + channel;
  var saved = JSON.parse(localStorage.getItem(key) || '{}');
  var lastSeq = 0; // a new page shows the whole conversation; reconnects ask only for what they missed
  var seen = {};
  var pending = {};
  var socket, retry = 0, typingTimer, draftTimer, session;
  var $ = function (id) { return document.getElementById(id); };

  function status(text) { $('status').textContent = text; }
  var started = !!saved.started;
  function save() { localStorage.setItem(key, JSON.stringify({ token: session && session.token, started: started })); }

  function openSession(details) {
    var body = Object.assign({ token: saved.token, language: lang }, details || {});
    return fetch('../api/v1/chat/' + encodeURIComponent(channel) + '/sessions', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) { if (!r.ok) { throw new Error('session ' + r.status); } return r.json(); })
      .then(function (s) { session = s; saved.token = s.token; save(); return s; });
  }

  function connect() {
    var url = new URL('../chat/' + encodeURIComponent(channel), location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', session.token);
    url.searchParams.set('after', lastSeq);
    socket = new WebSocket(url);
    socket.onopen = function () { retry = 0; };
    socket.onmessage = function (e) { receive(JSON.parse(e.data)); };
    socket.onclose = function () {
      status(texts.reconnecting);
      setTimeout(function () { openSession().then(connect, function () { setTimeout(connect, 2000); }); }, Math.min(30000, 500 * Math.pow(2, retry++)));
    };
  }

  function receive(f) {
    if (f.type === 'ready') {
      status(session.agentsOnline ? texts.online : texts.offlineStatus);
      Object.keys(pending).forEach(function (id) { send(id, pending[id]); });
    } else if (f.type === 'message') {
      if (f.id && pending[f.id] !== undefined) { delete pending[f.id]; var p = document.querySelector('[data-id="' + f.id + '"]'); if (p) { p.remove(); } }
      show(f.from, f.text, f.seq, undefined, f.files);
      if (f.from !== 'visitor') { $('typing').textContent = ''; }
    } else if (f.type === 'ack') {
      delete pending[f.id];
      var li = document.querySelector('[data-id="' + f.id + '"]');
      if (li) { li.classList.remove('pending'); li.dataset.seq = f.seq; seen[f.seq] = true; }
      lastSeq = Math.max(lastSeq, f.seq);
    } else if (f.type === 'typing') {
      $('typing').textContent = f.typing ? texts.typing : '';
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { $('typing').textContent = ''; }, 6000);
    } else if (f.type === 'error') {
      status(f.message);
    }
  }

  function show(from, text, seq, id, files) {
    if (seq && seen[seq]) { return; }
    if (seq) { seen[seq] = true; lastSeq = Math.max(lastSeq, seq); }
    var li = document.createElement('li');
    li.className = from + (seq ? '' : ' pending');
    li.textContent = text;
    // an agent's files: signed links (short-lived; a reconnect replays the message with fresh ones)
    (files || []).forEach(function (file) {
      var a = document.createElement('a');
      a.className = 'file';
      a.href = file.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = '\uD83D\uDCCE ' + file.name;
      li.appendChild(a);
    });
    if (id) { li.dataset.id = id; }
    $('log').appendChild(li);
    li.scrollIntoView({ block: 'end' });
  }

  function send(id, text) {
    if (socket && socket.readyState === 1) { socket.send(JSON.stringify({ type: 'message', id: id, text: text })); }
  }

  $('compose').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('text').value.trim();
    if (!text) { return; }
    var id = 'm' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    pending[id] = text;
    show('visitor', text, null, id);
    send(id, text);
    $('text').value = '';
    socket && socket.readyState === 1 && socket.send(JSON.stringify({ type: 'typing', draft: '' }));
  });
  $('text').addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('compose').requestSubmit(); }
  });
  $('text').addEventListener('input', function () {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(function () {
      socket && socket.readyState === 1 && socket.send(JSON.stringify({ type: 'typing', draft: $('text').value }));
    }, 250);
  });

  function begin() {
    started = true; save();
    $('start').hidden = true; $('log').hidden = false; $('compose').hidden = false;
    connect();
  }

  $('start').addEventListener('submit', function (e) {
    e.preventDefault();
    if (!session.agentsOnline && !$('email').value) { status(texts.emailNeeded); $('email').focus(); return; }
    openSession({ name: $('name').value || null, email: $('email').value || null }).then(begin);
  });

  openSession().then(function (s) {
    if (s.emailKnown || started) { begin(); return; }
    status(s.agentsOnline ? texts.online : texts.offlineStatus);
    $('offline-note').hidden = s.agentsOnline;
    $('email').required = !s.agentsOnline;
    $('start').hidden = false;
  }, function () { status(texts.reconnecting); });
})();

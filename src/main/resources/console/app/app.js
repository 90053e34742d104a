// Podloom dashboard: plain JavaScript over the public and admin APIs. The key or token lives in this
// tab's sessionStorage only. No inline script, no third-party code (see the Content-Security-Policy).
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const store = window.sessionStorage;
  let account = null;          // GET /v1/account of the signed-in key
  let selectedAccount = null;  // operator's current account
  let pollTimer = null;
  let estimateTimer = null;

  function notice(text) { $('notice').textContent = text || ''; }
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (k === 'text') e.textContent = v; else e.setAttribute(k, v); });
    children.forEach((c) => e.append(c));
    return e;
  }
  function when(iso) { return iso ? new Date(iso).toLocaleString() : ''; }

  async function call(method, path, body) {
    const headers = {};
    if (store.getItem('apiKey') && path.startsWith('/v1/')) headers['X-Api-Key'] = store.getItem('apiKey');
    if (store.getItem('adminToken') && path.startsWith('/admin/')) headers.Authorization = 'Bearer ' + store.getItem('adminToken');
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    let json = null;
    try { json = await res.json(); } catch (e) { json = null; }
    if (!res.ok || !json || !json.success) {
      const err = new Error(json && json.error ? json.error.code + ': ' + json.error.message : 'HTTP ' + res.status);
      err.status = res.status;
      err.code = json && json.error ? json.error.code : '';
      err.retryAfter = res.headers.get('Retry-After');
      throw err;
    }
    return { data: json.data, meta: json.meta, headers: res.headers };
  }

  // Links minted for local storage point at this server; use them by path so they stay same-origin.
  function sameOrigin(url) {
    const u = new URL(url, window.location.href);
    return u.pathname.startsWith('/files/') ? u.pathname + u.search : url;
  }

  function show(view) {
    $('sign-in').hidden = view !== 'sign-in';
    $('holder').hidden = view !== 'holder';
    $('operator').hidden = view !== 'operator';
    $('sign-out').hidden = view === 'sign-in';
  }

  // ---------- account holder ----------
  async function loadAccount() {
    account = (await call('GET', '/v1/account')).data;
    $('who').textContent = account.name + ' (' + account.api_key.prefix + '…)';
    $('balance').textContent = String(account.credits);
    $('tier').textContent = account.tier;
    $('key-type').textContent = account.api_key.type;
    const tbody = $('ledger').tBodies[0];
    tbody.replaceChildren(...account.recent_ledger_entries.map((e) => el('tr', {},
      el('td', { text: when(e.created_at) }), el('td', { text: e.kind }), el('td', { text: String(e.amount) }),
      el('td', { text: String(e.balance_after) }), el('td', { text: e.reason || '' }))));
    drawUsage(account.recent_ledger_entries);
    applyRestrictions();
  }

  function drawUsage(entries) {
    const days = {};
    entries.filter((e) => e.kind === 'charge').forEach((e) => {
      const d = e.created_at.slice(0, 10);
      days[d] = (days[d] || 0) + Math.abs(e.amount);
    });
    const keys = Object.keys(days).sort().slice(-14);
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    const w = 320, h = 120, max = Math.max(1, ...keys.map((k) => days[k]));
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    svg.setAttribute('width', '100%');
    svg.setAttribute('height', String(h));
    const bw = keys.length ? Math.min(40, (w - 10) / keys.length) : 40;
    keys.forEach((k, i) => {
      const bh = Math.round((days[k] / max) * (h - 30));
      const r = document.createElementNS(ns, 'rect');
      r.setAttribute('x', String(5 + i * bw)); r.setAttribute('y', String(h - 15 - bh));
      r.setAttribute('width', String(bw - 4)); r.setAttribute('height', String(bh)); r.setAttribute('fill', '#1f5f8b');
      const t = document.createElementNS(ns, 'title'); t.textContent = k + ': ' + days[k] + ' credits'; r.append(t);
      const label = document.createElementNS(ns, 'text');
      label.setAttribute('x', String(5 + i * bw)); label.setAttribute('y', String(h - 3)); label.textContent = k.slice(5);
      const value = document.createElementNS(ns, 'text');
      value.setAttribute('x', String(5 + i * bw)); value.setAttribute('y', String(h - 18 - bh)); value.textContent = String(days[k]);
      svg.append(r, label, value);
    });
    if (!keys.length) {
      const t = document.createElementNS(ns, 'text'); t.setAttribute('x', '5'); t.setAttribute('y', '20');
      t.textContent = 'No charges yet'; svg.append(t);
    }
    $('usage-chart').replaceChildren(svg);
  }

  function formRequest() {
    const urls = [$('np-url').value.trim(), $('np-url2').value.trim()].filter((u) => u);
    const voices = Number($('np-voices').value);
    const req = { urls, target_duration_minutes: Number($('np-minutes').value), style: $('np-style').value,
      language: $('np-language').value.trim() || 'en', voice_config: { count: voices } };
    if ($('np-focus').value.trim()) req.custom_focus = $('np-focus').value.trim();
    return req;
  }

  // What this key may not do, checked before anything is sent (GET /v1/account's restrictions).
  function problems(req) {
    const r = account ? account.restrictions : null;
    const out = [];
    if (!req.urls.length) out.push('Give at least one page URL.');
    if (!Number.isInteger(req.target_duration_minutes) || req.target_duration_minutes < 1 || req.target_duration_minutes > 120) out.push('Minutes must be 1–120.');
    if (!r) return out;
    if (req.target_duration_minutes > r.max_duration_minutes) out.push('This key is limited to ' + r.max_duration_minutes + ' minutes.');
    if (req.urls.length > r.max_urls) out.push('This key may use ' + r.max_urls + ' source URL(s).');
    if (r.languages !== 'all' && !r.languages.some((l) => req.language.toLowerCase().split('-')[0] === l.toLowerCase())) out.push('This key may use only: ' + r.languages.join(', ') + '.');
    if (req.voice_config.count > r.max_voices) out.push('This key may use ' + r.max_voices + ' voice(s).');
    if (req.custom_focus && !r.custom_focus) out.push('This key may not set a custom focus.');
    return out;
  }

  function applyRestrictions() {
    const req = formRequest();
    const list = problems(req);
    $('np-problems').replaceChildren(...list.map((p) => el('li', { text: p })));
    $('np-submit').disabled = list.length > 0;
    clearTimeout(estimateTimer);
    estimateTimer = setTimeout(() => estimate(req), 500); // one request per pause in typing: the key's budget is small
  }

  async function estimate(req) {
    const q = new URLSearchParams({ duration_minutes: String(req.target_duration_minutes || 1),
      source_count: String(Math.max(1, req.urls.length)), voice_count: String(req.voice_config.count) });
    try {
      const d = (await call('GET', '/v1/estimate-cost?' + q)).data;
      $('np-price').textContent = d.final_credits + ' credits (' + d.formula + ')';
    } catch (e) {
      $('np-price').textContent = e.status === 429 ? 'rate limited, retry in ' + e.retryAfter + ' s' : e.message;
    }
  }

  async function createPodcast(ev) {
    ev.preventDefault();
    const req = formRequest();
    if (problems(req).length) { applyRestrictions(); return; }
    try {
      const res = await call('POST', '/v1/podcasts', req);
      notice('Podcast ' + res.data.podcast_id + ' started: ' + res.data.credits_charged + ' credits.');
      await loadPodcasts();
      await loadAccount();
    } catch (e) { notice(e.message); }
  }

  async function loadPodcasts() {
    const page = (await call('GET', '/v1/podcasts?per_page=10')).data;
    const tbody = $('podcasts').tBodies[0];
    tbody.replaceChildren(...page.podcasts.map((p) => {
      const actions = el('td', {});
      if (p.status === 'completed') {
        const b = el('button', { type: 'button', 'data-podcast': p.podcast_id, text: 'Play' });
        b.addEventListener('click', () => play(p));
        actions.append(b);
      }
      const progress = el('progress', { max: '100', value: String(p.progress), 'aria-label': 'Progress of ' + (p.title || p.podcast_id) });
      return el('tr', { 'data-id': p.podcast_id }, el('td', { text: when(p.created_at) }),
        el('td', { text: p.title || (p.sources || []).join(', ') }), el('td', { class: 'status', text: p.status + (p.error ? ' (' + p.error.code + ')' : '') }),
        el('td', {}, progress, ' ' + p.progress + '%'), actions);
    }));
    const running = page.podcasts.find((p) => p.status === 'requested' || p.status === 'processing');
    clearTimeout(pollTimer);
    if (running) pollTimer = setTimeout(() => pollStatus(running.podcast_id), 5000);
  }

  // Live status: poll the running podcast, as often as its Retry-After says.
  async function pollStatus(id) {
    try {
      const res = await call('GET', '/v1/podcasts/' + id + '/status');
      const row = document.querySelector('tr[data-id="' + id + '"]');
      if (row) {
        row.querySelector('.status').textContent = res.data.status;
        row.querySelector('progress').value = res.data.progress;
      }
      if (res.data.status === 'completed' || res.data.status === 'failed') { await loadPodcasts(); await loadAccount(); return; }
      const wait = Number(res.headers.get('Retry-After') || '10');
      pollTimer = setTimeout(() => pollStatus(id), wait * 1000);
    } catch (e) {
      pollTimer = setTimeout(() => pollStatus(id), (Number(e.retryAfter) || 10) * 1000);
    }
  }

  function seconds(ts) {
    const [h, m, s] = ts.split(':');
    return Number(h) * 3600 + Number(m) * 60 + Number(s);
  }

  async function play(p) {
    try {
      const audio = (await call('GET', '/v1/podcasts/' + p.podcast_id + '/download')).data;
      const transcript = (await call('GET', '/v1/podcasts/' + p.podcast_id + '/transcript')).data;
      $('player-card').hidden = false;
      $('player-title').textContent = 'Listen: ' + (p.title || p.podcast_id);
      const player = $('player');
      player.src = sameOrigin(audio.download_url);
      const vtt = await (await fetch(sameOrigin(transcript.download_url))).text();
      const cues = [];
      vtt.split(/\r?\n\r?\n/).forEach((block) => {
        const lines = block.split(/\r?\n/);
        const i = lines.findIndex((l) => l.includes('-->'));
        if (i < 0) return;
        const start = seconds(lines[i].split('-->')[0].trim());
        const text = lines.slice(i + 1).join(' ').replace(/<v ([^>]+)>/, '$1: ').replace(/<[^>]+>/g, '');
        cues.push({ start, text });
      });
      $('transcript').replaceChildren(...cues.map((c) => {
        const b = el('button', { type: 'button', 'data-start': String(c.start), text: c.text });
        b.addEventListener('click', () => { player.currentTime = c.start; player.play(); });
        return el('li', {}, b);
      }));
      player.ontimeupdate = () => {
        let current = null;
        $('transcript').querySelectorAll('button').forEach((b) => {
          b.classList.remove('current');
          if (Number(b.dataset.start) <= player.currentTime) current = b;
        });
        if (current) current.classList.add('current');
      };
      player.focus();
    } catch (e) { notice(e.message); }
  }

  // ---------- operator ----------
  async function loadOperator() {
    $('who').textContent = 'Operator';
    const accounts = (await call('GET', '/admin/v1/accounts?per_page=100')).data.accounts;
    $('accounts').tBodies[0].replaceChildren(...accounts.map((a) => {
      const b = el('button', { type: 'button', text: 'Open', 'aria-label': 'Open account ' + a.name });
      b.addEventListener('click', () => openAccount(a.account_id));
      return el('tr', { 'data-account': a.account_id }, el('td', { text: a.name }), el('td', { text: a.tier }),
        el('td', { text: String(a.credits) }), el('td', { text: String(a.active_keys) }), el('td', {}, b));
    }));
    const failures = (await call('GET', '/admin/v1/podcasts/failed?limit=20')).data.podcasts;
    $('failures').tBodies[0].replaceChildren(...failures.map((f) => el('tr', {}, el('td', { text: when(f.completed_at) }),
      el('td', { text: f.account_name }), el('td', { text: f.error_code }), el('td', { text: f.error_message || '' }),
      el('td', { text: String(f.credits_refunded) }))));
  }

  async function openAccount(id) {
    const a = (await call('GET', '/admin/v1/accounts/' + id)).data;
    selectedAccount = a;
    $('account-card').hidden = false;
    $('account-title').textContent = 'Account ' + a.name;
    $('acc-name').textContent = a.name + ' (' + a.tier + ')';
    $('acc-credits').textContent = String(a.credits);
    $('keys').tBodies[0].replaceChildren(...a.api_keys.map((k) => {
      const cell = el('td', {});
      const revoked = !!k.revoked_at;
      if (!revoked) {
        const b = el('button', { type: 'button', class: 'secondary', text: 'Revoke', 'aria-label': 'Revoke key ' + k.prefix });
        b.addEventListener('click', () => revoke(k.key_id));
        cell.append(b);
      }
      return el('tr', { 'data-key': k.key_id }, el('td', { text: k.prefix }), el('td', { text: k.type }),
        el('td', { text: revoked ? 'revoked' : 'active' }), cell);
    }));
  }

  async function revoke(keyId) {
    try {
      await call('DELETE', '/admin/v1/api-keys/' + keyId);
      notice('Key revoked.');
      await openAccount(selectedAccount.account_id);
      await loadOperator();
    } catch (e) { notice(e.message); }
  }

  async function grant(ev) {
    ev.preventDefault();
    try {
      const r = (await call('POST', '/admin/v1/accounts/' + selectedAccount.account_id + '/credits',
        { amount: Number($('grant-amount').value), reason: $('grant-reason').value })).data;
      notice('Granted ' + r.granted + ' credits; balance ' + r.credits + '.');
      await openAccount(selectedAccount.account_id);
      await loadOperator();
    } catch (e) { notice(e.message); }
  }

  async function createKey(ev) {
    ev.preventDefault();
    try {
      const k = (await call('POST', '/admin/v1/accounts/' + selectedAccount.account_id + '/api-keys', { type: $('key-type-new').value })).data;
      $('new-key').hidden = false;
      $('new-key-value').textContent = k.api_key;
      await openAccount(selectedAccount.account_id);
    } catch (e) { notice(e.message); }
  }

  // ---------- session ----------
  async function start() {
    notice('');
    try {
      if (store.getItem('apiKey')) { show('holder'); await loadAccount(); await loadPodcasts(); }
      else if (store.getItem('adminToken')) { show('operator'); await loadOperator(); }
      else show('sign-in');
    } catch (e) {
      if (e.status === 401) { store.clear(); show('sign-in'); notice('Sign-in failed: ' + e.message); }
      else notice(e.message);
    }
  }

  $('key-form').addEventListener('submit', (ev) => { ev.preventDefault(); store.clear(); store.setItem('apiKey', $('api-key').value.trim()); $('api-key').value = ''; start(); });
  $('admin-form').addEventListener('submit', (ev) => { ev.preventDefault(); store.clear(); store.setItem('adminToken', $('admin-token').value.trim()); $('admin-token').value = ''; start(); });
  $('sign-out').addEventListener('click', () => { store.clear(); clearTimeout(pollTimer); $('who').textContent = ''; start(); });
  $('new-podcast').addEventListener('submit', createPodcast);
  ['np-url', 'np-url2', 'np-minutes', 'np-style', 'np-voices', 'np-language', 'np-focus'].forEach((id) => $(id).addEventListener('input', applyRestrictions));
  $('refresh-podcasts').addEventListener('click', () => loadPodcasts().catch((e) => notice(e.message)));
  $('grant-form').addEventListener('submit', grant);
  $('key-create-form').addEventListener('submit', createKey);
  start();
})();

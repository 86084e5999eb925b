// Contacts: list, add, edit, delete and test the person's emergency contacts (/api/contacts). A
// field the server refuses (its 400 detail starts with the field's name) is shown next to it.
import { ApiError, api, showError } from './api.js';
import { startPage } from './shell.js';
import { el } from './format.js';

const FIELDS = ['name', 'phone', 'email', 'channels', 'language', 'note'];
const CHANNEL_NAMES = { sms: 'SMS', email: 'Email', voice: 'Phone call' };
const form = document.getElementById('contact-form');
const message = document.getElementById('message');
const done = document.getElementById('done');
let contacts = [];

await startPage('contacts');
form.addEventListener('submit', save);
document.getElementById('cancel-edit').addEventListener('click', () => resetForm());
await Promise.all([loadContacts(), loadChannels()]);

async function loadContacts() {
  try {
    contacts = (await api('/api/contacts')).items;
    drawList();
  } catch (e) {
    showError(message, e);
  }
}

async function loadChannels() {
  try {
    const channels = await api('/api/alerts/channels');
    const off = Object.entries(channels).filter(([, c]) => !c.configured).map(([name]) => CHANNEL_NAMES[name] || name);
    const note = document.getElementById('channels-note');
    note.hidden = off.length === 0;
    note.textContent = `Not set up on this server yet: ${off.join(', ')}. Messages on those channels are not sent;`
      + ' ask your admin.';
  } catch (e) {
    // the list still works without this note
  }
}

function drawList() {
  const list = document.getElementById('contact-list');
  list.replaceChildren(...contacts.map(item));
  document.getElementById('empty').hidden = contacts.length > 0;
}

function item(contact) {
  const li = el('li', 'contact');
  li.dataset.contactId = contact.id;
  li.append(el('h3', null, contact.name));
  if (contact.phone) { li.append(el('p', null, `Phone: ${contact.phone}`)); }
  if (contact.email) { li.append(el('p', null, `Email: ${contact.email}`)); }
  li.append(el('p', 'muted', `Alerts by ${contact.channels.map((c) => CHANNEL_NAMES[c] || c).join(', ')}`
    + ` · messages in ${languageName(contact.language)}`));
  if (contact.note) { li.append(el('p', 'muted', `Note: ${contact.note}`)); }
  const actions = el('div', 'actions');
  actions.append(button('Edit', 'secondary edit', () => edit(contact)),
    button('Send a test', 'secondary test', () => sendTest(contact, li)),
    button('Delete', 'danger delete', () => confirmDelete(contact, actions)));
  li.append(actions);
  return li;
}

function languageName(tag) {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) || tag;
  } catch (e) {
    return tag;
  }
}

function button(label, className, onClick) {
  const b = el('button', className, label);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function edit(contact) {
  resetForm();
  document.getElementById('contact-id').value = contact.id;
  document.getElementById('field-name').value = contact.name;
  document.getElementById('field-phone').value = contact.phone || '';
  document.getElementById('field-email').value = contact.email || '';
  document.getElementById('field-note').value = contact.note || '';
  const language = document.getElementById('field-language');
  if (![...language.options].some((o) => o.value === contact.language)) {
    language.append(new Option(contact.language, contact.language));
  }
  language.value = contact.language;
  for (const box of form.querySelectorAll('input[name=channels]')) { box.checked = contact.channels.includes(box.value); }
  document.getElementById('form-title').textContent = `Edit ${contact.name}`;
  document.getElementById('save').textContent = 'Save changes';
  document.getElementById('cancel-edit').hidden = false;
  document.getElementById('field-name').focus();
}

function resetForm() {
  form.reset();
  document.getElementById('contact-id').value = '';
  document.getElementById('form-title').textContent = 'Add a contact';
  document.getElementById('save').textContent = 'Add contact';
  document.getElementById('cancel-edit').hidden = true;
  clearFieldErrors();
}

function clearFieldErrors() {
  for (const field of FIELDS) {
    document.getElementById(`error-${field}`).textContent = '';
    const input = document.getElementById(`field-${field}`);
    if (input) { input.removeAttribute('aria-invalid'); }
  }
}

function draft() {
  const data = new FormData(form);
  return {
    name: data.get('name'), phone: data.get('phone') || null, email: data.get('email') || null,
    channels: data.getAll('channels'), language: data.get('language'), note: data.get('note')
  };
}

async function save(e) {
  e.preventDefault();
  clearFieldErrors();
  message.hidden = true;
  done.textContent = '';
  const id = document.getElementById('contact-id').value;
  const saveButton = document.getElementById('save');
  saveButton.disabled = true;
  try {
    const saved = await api(id ? `/api/contacts/${encodeURIComponent(id)}` : '/api/contacts',
      { method: id ? 'PUT' : 'POST', json: draft() });
    done.textContent = id ? `Saved ${saved.name}.` : `Added ${saved.name}. Send them a test message.`;
    resetForm();
    await loadContacts();
  } catch (err) {
    if (!showFieldError(err)) { showError(message, err); }
  } finally {
    saveButton.disabled = false;
  }
}

/** A 400 whose detail starts with a field's name is shown next to that field. */
function showFieldError(err) {
  if (!(err instanceof ApiError) || err.status !== 400 || !err.detail) { return false; }
  const field = FIELDS.find((f) => err.detail.startsWith(`${f} `));
  if (!field) { return false; }
  document.getElementById(`error-${field}`).textContent = err.detail;
  const input = document.getElementById(field === 'channels' ? 'channel-sms' : `field-${field}`);
  if (field !== 'channels') { input.setAttribute('aria-invalid', 'true'); }
  input.focus();
  return true;
}

async function sendTest(contact, li) {
  const old = li.querySelector('.test-results');
  if (old) { old.remove(); }
  const results = el('ul', 'test-results');
  results.setAttribute('aria-live', 'polite');
  results.append(el('li', 'muted', 'Sending…'));
  li.append(results);
  try {
    const answer = await api(`/api/contacts/${encodeURIComponent(contact.id)}/test`, { method: 'POST' });
    results.replaceChildren(...answer.results.map((r) => el('li', r.status === 'sent' ? 'ok-note' : 'error',
      `${CHANNEL_NAMES[r.channel] || r.channel}: ${r.status.replace(/_/g, ' ')}${r.error ? ` (${r.error})` : ''}`)));
  } catch (err) {
    results.replaceChildren(el('li', 'error', err.message));
  }
}

function confirmDelete(contact, actions) {
  const previous = [...actions.childNodes];
  const question = el('span', null, `Delete ${contact.name}? They will no longer be told.`);
  const yes = button('Delete', 'danger confirm-delete', async () => {
    try {
      await api(`/api/contacts/${encodeURIComponent(contact.id)}`, { method: 'DELETE' });
      done.textContent = `Deleted ${contact.name}.`;
      await loadContacts();
    } catch (err) {
      showError(message, err);
    }
  });
  const no = button('Keep', 'secondary', () => actions.replaceChildren(...previous));
  actions.replaceChildren(question, yes, no);
  no.focus();
}

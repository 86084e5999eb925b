// The frame every signed-in page shares: checks the session (else to the sign-in page), draws the
// navigation with the current view marked, shows who is signed in and signs out.
import { api } from './api.js';

const VIEWS = [
  { href: '/', id: 'monitor', label: 'Monitor' },
  { href: '/upload.html', id: 'upload', label: 'Upload' },
  { href: '/history.html', id: 'history', label: 'History' },
  { href: '/contacts.html', id: 'contacts', label: 'Contacts' },
  { href: '/account.html', id: 'account', label: 'Account' },
  { href: '/admin.html', id: 'admin', label: 'Admin', admin: true }
];

/**
 * Starts a signed-in page: returns the account ({ id, email, role, ... } from /api/auth/status),
 * or never resolves when the person is sent to the sign-in page.
 */
export async function startPage(activeView) {
  const status = await api('/api/auth/status');
  if (!status.account) {
    window.location.replace('/signin.html');
    return new Promise(() => {});
  }
  drawNavigation(activeView, status.account);
  return status.account;
}

function drawNavigation(activeView, account) {
  const header = document.getElementById('site-header');
  const nav = document.createElement('nav');
  nav.setAttribute('aria-label', 'Main');
  const list = document.createElement('ul');
  for (const view of VIEWS) {
    if (view.admin && account.role !== 'admin') { continue; }
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = view.href;
    link.textContent = view.label;
    if (view.id === activeView) { link.setAttribute('aria-current', 'page'); }
    item.append(link);
    list.append(item);
  }
  nav.append(list);
  const who = document.createElement('p');
  who.className = 'who';
  who.textContent = account.email + (account.role === 'admin' ? ' (admin) ' : ' ');
  const signOut = document.createElement('button');
  signOut.type = 'button';
  signOut.className = 'link';
  signOut.textContent = 'Sign out';
  signOut.addEventListener('click', async () => {
    await api('/api/auth/logout', { method: 'POST', redirectOn401: false }).catch(() => {});
    window.location.replace('/signin.html');
  });
  who.append(signOut);
  header.replaceChildren(nav, who);
}

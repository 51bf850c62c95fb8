import type { MessageSchema } from './ja'

const en: MessageSchema = {
  app: {
    name: 'DX Passport',
    reload: 'Reload',
    short_name: 'DX Passport',
    skip_to_content: 'Skip to main content',
    start_failed: 'The app could not start. Please reload the page.',
    starting: 'Getting ready. The first visit takes a little while.',
    tagline: 'DX talent plan',
  },
  common: {
    close: 'Close',
  },
  home: {
    fiscal_year_now: 'Current fiscal year: {fy}',
    lead: 'Study each knowledge area, register for trainings and workshops, answer effect-measurement surveys and follow your route to DX leader certification, all on this device.',
    offline_note:
      'After your first visit the app works with no network. What you enter is saved on this device and sent when the connection returns.',
    signed_in_as: 'Signed in as {name}.',
    title: 'Welcome',
    today: 'Today is {date}',
  },
  nav: {
    home: 'Home',
    label: 'Main menu',
    settings: 'Settings',
  },
  network: {
    offline: 'You are offline. What you enter is saved on this device and sent when the connection returns.',
  },
  not_found: {
    back_home: 'Back to home',
    body: 'The page you were looking for was not found. Check the URL, or continue from the home screen.',
    title: 'Page not found',
  },
  pwa: {
    dismiss: 'Later',
    offline_ready: 'The app is now ready to work offline.',
    update_available: 'A new version is available.',
    update_blocked_by_form: 'You have unsaved input. Send or save it before updating.',
    update_now: 'Update',
  },
  session: {
    email_label: 'Email address',
    email_required: 'Enter your email address.',
    magic_link_button: 'Email me a sign-in link',
    magic_link_failed: 'The email could not be sent. Please try again later.',
    magic_link_sent: 'We sent you a sign-in link. Open the email and follow the link.',
    password_label: 'Password',
    password_required: 'Enter your password.',
    persona_failed: 'Sign-in failed. Please try again.',
    persona_lead: 'This is the demo. Choose who you are.',
    persona_role: {
      dx_division: 'DX Promotion Division',
      facilitator: 'Facilitator',
      leader_candidate: 'Leader candidate',
      manager: 'Manager',
      promoter: 'Promoter',
    },
    personas_loading: 'Preparing the people to choose from. The first visit takes a little while.',
    sign_in_button: 'Sign in',
    sign_in_failed: 'Sign-in failed. Check your email address and password.',
    sign_in_title: 'Sign in',
    signing_in: 'Signing in',
  },
  settings: {
    about_body:
      'An app for staff to study, train and be certified under their municipality’s DX talent plan.',
    about_title: 'About this app',
    account_title: 'Signed in',
    language_en: 'English',
    language_ja: '日本語',
    language_label: 'Language',
    sign_out: 'Sign out',
    sign_out_blocked:
      '{count} changes have not been sent. Your data stays on this device. Sync first, then sign out.',
    sign_out_body: 'Signing out deletes your data saved on this device.',
    sign_out_ready: 'Everything has been sent. You can sign out now.',
    sign_out_rejected: '{count} changes were not accepted. Check them before signing out.',
    title: 'Settings',
    version: 'Version {version}',
  },
  sync: {
    error: 'Error ({reason})',
    error_auth: 'sign in again',
    error_code: 'code {code}',
    offline: 'Offline',
    offline_pending: 'Offline, {count} waiting to send',
    pending: '{count} waiting to send',
    sync_now: 'Sync now',
    synced: 'Synced',
    syncing: 'Syncing',
  },
}

export default en

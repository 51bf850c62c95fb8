import type { MessageSchema } from './ja'

const en: MessageSchema = {
  app: {
    name: 'DX Passport',
    short_name: 'DX Passport',
    skip_to_content: 'Skip to main content',
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
  settings: {
    about_body:
      'An app for staff to study, train and be certified under their municipality’s DX talent plan.',
    about_title: 'About this app',
    language_en: 'English',
    language_ja: '日本語',
    language_label: 'Language',
    title: 'Settings',
    version: 'Version {version}',
  },
}

export default en

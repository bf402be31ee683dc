import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { kk } from './kk';
import { ru, type Messages } from './ru';

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const RESOURCES: Record<Language, Messages> = { kk, ru, en };
export const LANGUAGE_NAMES: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
const STORAGE_KEY = 'digital-id.language';

/** The language the person chose last time, else the browser's, else Russian. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  const browser = navigator.language.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(browser) ? (browser as Language) : 'ru';
}

export async function setupI18n(): Promise<void> {
  const lng = initialLanguage();
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: false,
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: RESOURCES[l] }])),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
}

export async function changeLanguage(lng: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
  await i18next.changeLanguage(lng);
}

/** Locale tags for Intl: dates, times and numbers per language. */
export const LOCALE: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

/** The key of a selfie problem from the Russian text the API sends (the texts of libs/biometrics). */
export function problemKey(text: string): string | undefined {
  return Object.entries(ru.problems).find(([, ruText]) => ruText === text)?.[0];
}

/** Why a password is refused, in en, ru and kk (ASVS 2.1: length and guessability, no composition rules). */
import { type Catalogue, interpolate, type MessageParams } from "./i18n";
import { LOCALES, type Locale } from "./locales";

export const PASSWORD_PROBLEMS = [
  "password_too_short",
  "password_too_long",
  "password_contains_name",
  "password_repeats",
  "password_sequence",
  "password_keyboard",
  "password_date",
  "password_common",
  "password_guessable",
] as const;
/** One reason a password is refused. */
export type PasswordProblemCode = (typeof PASSWORD_PROBLEMS)[number];

const MESSAGES: Catalogue<PasswordProblemCode> = {
  en: {
    password_too_short: "The password is too short: use at least {min} characters.",
    password_too_long: "The password is too long: use at most {max} characters.",
    password_contains_name: "The password contains the username or e-mail address.",
    password_repeats: "The password is easy to guess: it repeats characters (such as “aaaa”).",
    password_sequence:
      "The password is easy to guess: it is a sequence (such as “1234” or “abcd”).",
    password_keyboard: "The password is easy to guess: it is a row of keys (such as “qwerty”).",
    password_date: "The password is easy to guess: it is mostly a date or a year.",
    password_common: "The password is easy to guess: it is a common password or word.",
    password_guessable:
      "The password is easy to guess: use a few unrelated words or a longer phrase.",
  },
  ru: {
    password_too_short: "Пароль слишком короткий: нужно не меньше {min} символов.",
    password_too_long: "Пароль слишком длинный: не больше {max} символов.",
    password_contains_name: "Пароль содержит имя пользователя или адрес электронной почты.",
    password_repeats: "Пароль легко угадать: в нём повторяются символы (например, «aaaa»).",
    password_sequence:
      "Пароль легко угадать: это последовательность (например, «1234» или «abcd»).",
    password_keyboard: "Пароль легко угадать: это ряд клавиш (например, «qwerty»).",
    password_date: "Пароль легко угадать: это в основном дата или год.",
    password_common: "Пароль легко угадать: это распространённый пароль или слово.",
    password_guessable:
      "Пароль легко угадать: возьмите несколько не связанных между собой слов или фразу длиннее.",
  },
  kk: {
    password_too_short: "Құпиясөз тым қысқа: кемінде {min} таңба керек.",
    password_too_long: "Құпиясөз тым ұзын: {max} таңбадан аспауы керек.",
    password_contains_name: "Құпиясөзде пайдаланушы аты немесе электрондық пошта мекенжайы бар.",
    password_repeats: "Құпиясөзді табу оңай: онда таңбалар қайталанады (мысалы, «aaaa»).",
    password_sequence: "Құпиясөзді табу оңай: бұл тізбек (мысалы, «1234» немесе «abcd»).",
    password_keyboard: "Құпиясөзді табу оңай: бұл пернелер қатары (мысалы, «qwerty»).",
    password_date: "Құпиясөзді табу оңай: бұл негізінен күн немесе жыл.",
    password_common: "Құпиясөзді табу оңай: бұл жиі қолданылатын құпиясөз немесе сөз.",
    password_guessable:
      "Құпиясөзді табу оңай: бір-бірімен байланыссыз бірнеше сөз немесе ұзынырақ фраза алыңыз.",
  },
};

/** The sentence explaining why a password is refused, in the reader's language. */
export function describePasswordProblem(
  code: PasswordProblemCode,
  params: MessageParams,
  locale: Locale,
): string {
  return interpolate(MESSAGES[locale][code], params, locale);
}

/** The same sentence in every language, for answers that leave the choice to the reader. */
export function describePasswordProblemAll(
  code: PasswordProblemCode,
  params: MessageParams,
): Record<Locale, string> {
  return Object.fromEntries(
    LOCALES.map((l) => [l, describePasswordProblem(code, params, l)]),
  ) as Record<Locale, string>;
}

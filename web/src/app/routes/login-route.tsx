export { LoginPage as default } from '@/features/account/components/login-page';

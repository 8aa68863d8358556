import { useNavigate } from 'react-router-dom';
import { FirstPasswordPage } from '@/features/account/components/first-password-page';

export default function FirstPasswordRoute() {
  const navigate = useNavigate();
  return <FirstPasswordPage onChanged={() => navigate('/', { replace: true })} />;
}

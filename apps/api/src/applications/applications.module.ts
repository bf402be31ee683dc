import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Application, ApplicationStatusEvent, OtpGuard } from '@app/models';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { OnboardingGateway } from './onboarding-gateway';

@Module({
  imports: [TypeOrmModule.forFeature([Application, ApplicationStatusEvent, OtpGuard])],
  controllers: [ApplicationsController],
  providers: [ApplicationsService, OnboardingGateway],
  exports: [OnboardingGateway, TypeOrmModule],
})
export class ApplicationsModule {}
